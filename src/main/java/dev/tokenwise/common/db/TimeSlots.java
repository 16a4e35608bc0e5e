package dev.tokenwise.common.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Several back-to-back time ranges read with one query: {@link #index} numbers the range a timestamp column falls
 * in (0 for the first), so a query can {@code GROUP BY} it instead of being run once per range. The same SQL on H2
 * and PostgreSQL.
 */
public final class TimeSlots {

    private TimeSlots() {
    }

    /**
     * {@code CASE WHEN column < ? THEN 0 WHEN column < ? THEN 1 … ELSE n-1 END} for {@code n} ranges; bind
     * {@link #boundaries} of their ends as its parameters. Rows must already be limited to [first start, last end).
     */
    public static String index(String column, int n) {
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < n - 1; i++) {
            sql.append(" WHEN ").append(column).append(" < ? THEN ").append(i);
        }
        return sql.append(" ELSE ").append(n - 1).append(" END").toString();
    }

    /** The parameters of {@link #index}: the end of every range but the last. */
    public static List<Object> boundaries(List<Instant> ends) {
        return new ArrayList<>(ends.subList(0, Math.max(0, ends.size() - 1)));
    }
}
