package dev.tokenwise.common;

import java.math.BigDecimal;

/**
 * Token sums that cannot overflow. An event holds at most 10^12 tokens of a kind, but a rollup row or a long period
 * adds up millions of events: a sum past {@link Long#MAX_VALUE} stays at it instead of wrapping negative or failing
 * the write (which a client would see as an error it cannot fix, and retry forever). 9.2 × 10^18 tokens is far beyond
 * any real team, so the cap is never a figure anyone reads; it only keeps hostile input from breaking the sums.
 */
public final class Sums {

    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private Sums() {
    }

    /** a + b, held at the bounds of {@code long}. */
    public static long add(long a, long b) {
        long r = a + b;
        // Overflow iff both operands have the sign opposite to the result's.
        if (((a ^ r) & (b ^ r)) < 0) {
            return a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    /** A SQL sum (NUMERIC on PostgreSQL and H2 for BIGINT columns) as a {@code long}, held at its bounds; null is 0. */
    public static long toLong(BigDecimal sum) {
        if (sum == null) {
            return 0;
        }
        return sum.max(MIN).min(MAX).longValue();
    }

    /**
     * The SQL expression that adds a bound parameter to a BIGINT column without overflowing, on H2 and PostgreSQL.
     * The addition happens in NUMERIC, then is capped: integer arithmetic would fail the statement, and a CASE guard
     * is no protection where the planner folds a bound parameter into a constant and evaluates it early.
     */
    public static String sqlAdd(String column) {
        return "CAST(LEAST(CAST(" + column + " AS NUMERIC(20)) + ?, " + Long.MAX_VALUE + ") AS BIGINT)";
    }
}
