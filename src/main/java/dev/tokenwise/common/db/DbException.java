package dev.tokenwise.common.db;

import java.sql.SQLException;

/** A statement failed; the {@link SQLException} stays the cause so that its SQLState can be read. */
public class DbException extends RuntimeException {

    public DbException(String sql, SQLException cause) {
        super("SQL failed (" + cause.getSQLState() + "): " + abbreviate(sql), cause);
    }

    /** The failing statement for the log, cut short: statements carry no values (they are bound), only columns. */
    private static String abbreviate(String sql) {
        return sql.length() <= 160 ? sql : sql.substring(0, 157) + "...";
    }

    /** The SQLState of the first SQL exception in the chain, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
