package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads the usage tables in tests, to check what was (not) stored. */
@ApplicationScoped
public class UsageDb {

    private final DataSource ds;

    public UsageDb(DataSource ds) {
        this.ds = ds;
    }

    public long count(String sql, Object... args) {
        return number(sql, args).longValue();
    }

    public double sum(String sql, Object... args) {
        return number(sql, args).doubleValue();
    }

    private Number number(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object o = rs.getObject(1);
                return o == null ? 0 : (Number) o;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String string(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long events(String team) {
        return count("SELECT COUNT(*) FROM usage_event WHERE team_id = ?", team);
    }
}
