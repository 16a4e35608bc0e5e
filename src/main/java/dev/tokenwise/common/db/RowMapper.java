package dev.tokenwise.common.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the current row of a result into a value (usually a record); read columns with {@link Rows}. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
}
