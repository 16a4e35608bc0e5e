package dev.tokenwise.common.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Plain JDBC on the current transaction's connection, for the few writes that need batches or arrays. */
@FunctionalInterface
public interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException;
}
