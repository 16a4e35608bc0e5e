package dev.tokenwise.common.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Consumes rows one at a time, for results too large to hold as a list. */
@FunctionalInterface
public interface RowHandler {
    void handle(ResultSet rs) throws SQLException;
}
