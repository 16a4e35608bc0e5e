package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs read-only queries over the usage tables for this package (the scorecard's cost figures, repricing). Spend
 * for alerts, budgets and the digest's budget burn is read by {@link dev.tokenwise.budget.SpendReader}.
 */
@ApplicationScoped
public class UsageQueries {

    private final DataSource dataSource;

    public UsageQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed", e);
        }
    }
}
