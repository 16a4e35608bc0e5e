package dev.tokenwise.common.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Column readers that say what a SQL NULL becomes; the counterpart of the binding rules in {@link Db}. */
public final class Rows {

    private Rows() {
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A {@code DATE} column, or null. */
    public static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    /** An integer column, or null (where {@link ResultSet#getLong} would say 0). */
    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** An integer column, or null. */
    public static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A decimal column, or null. */
    public static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    /** A floating or decimal column as a double, or null. */
    public static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
