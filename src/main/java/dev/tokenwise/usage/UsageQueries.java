package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read API over the usage rollups for the alert, budget and digest features. Every answer comes from the hourly
 * rollups (never from raw events), so it is cheap at any data volume and unaffected by raw-event retention.
 * <p>
 * Granularity is the UTC hour: a local day or a period is mapped to the hourly buckets whose start falls in it, so
 * in zones with a non-whole-hour offset (e.g. Asia/Kolkata) day boundaries are rounded up to the next UTC hour.
 * Amounts are USD as doubles, unrounded; workflows are the lower-case ids of {@link dev.tokenwise.common.Workflow}.
 */
@ApplicationScoped
public class UsageQueries {

    /** One agent session's activity: spend and first/last event over the hours asked about. */
    public record SessionActivity(String sessionId, String teamId, double costUsd, long events, Instant firstAt,
            Instant lastAt) {
    }

    private final DataSource dataSource;

    public UsageQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Spend per local day and workflow of a team over the local dates {@code [from, to)} in {@code zone}.
     * Every day of the range is present (an empty map for a day without spend), in date order, so callers can take
     * medians over quiet days too (spike detection) or sum a month to date (budgets).
     *
     * @return day → (workflow → USD); workflows without spend on a day are absent from that day's map
     */
    public NavigableMap<LocalDate, Map<String, Double>> dailySpendByWorkflow(String teamId, LocalDate from,
            LocalDate to, ZoneId zone) {
        NavigableMap<LocalDate, Map<String, Double>> days = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            days.put(d, new TreeMap<>());
        }
        if (days.isEmpty()) {
            return days;
        }
        String sql = "SELECT bucket_start, workflow, cost_usd FROM usage_team_hourly WHERE team_id = ? "
                + "AND bucket_start >= ? AND bucket_start < ?";
        query(sql, ps -> {
            ps.setString(1, teamId);
            ps.setObject(2, UsageStore.utc(Rollups.hourCeil(from.atStartOfDay(zone).toInstant())));
            ps.setObject(3, UsageStore.utc(Rollups.hourCeil(to.atStartOfDay(zone).toInstant())));
        }, rs -> {
            LocalDate day = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
            Map<String, Double> m = days.get(day);
            if (m != null) {
                m.merge(rs.getString(2), rs.getDouble(3), Double::sum);
            }
        });
        return days;
    }

    /**
     * Spend of a team per workflow since an instant (inclusive of the whole UTC hour that contains it) up to now.
     *
     * @return workflow → USD, only workflows with usage
     */
    public Map<String, Double> spendSinceByWorkflow(String teamId, Instant since) {
        Map<String, Double> spend = new TreeMap<>();
        String sql = "SELECT workflow, SUM(cost_usd) FROM usage_team_hourly WHERE team_id = ? AND bucket_start >= ? "
                + "GROUP BY workflow";
        query(sql, ps -> {
            ps.setString(1, teamId);
            ps.setObject(2, UsageStore.utc(Rollups.bucketOf(since)));
        }, rs -> spend.put(rs.getString(1), rs.getDouble(2)));
        return spend;
    }

    /** Ids of the teams with any usage since an instant (hour granularity), sorted; for alert evaluation loops. */
    public SortedSet<String> teamsWithUsageSince(Instant since) {
        SortedSet<String> teams = new TreeSet<>();
        query("SELECT DISTINCT team_id FROM usage_team_hourly WHERE bucket_start >= ?",
                ps -> ps.setObject(1, UsageStore.utc(Rollups.bucketOf(since))), rs -> teams.add(rs.getString(1)));
        return teams;
    }

    /**
     * The agent sessions of a team active since an instant (hour granularity), with their spend and first/last
     * event time within that window, most expensive first (runaway-session alerts).
     */
    public List<SessionActivity> sessionsSince(String teamId, Instant since) {
        List<SessionActivity> sessions = new ArrayList<>();
        String sql = "SELECT session_id, SUM(cost_usd), SUM(events), MIN(first_at), MAX(last_at) "
                + "FROM usage_session_hourly WHERE team_id = ? AND bucket_start >= ? GROUP BY session_id";
        query(sql, ps -> {
            ps.setString(1, teamId);
            ps.setObject(2, UsageStore.utc(Rollups.bucketOf(since)));
        }, rs -> sessions.add(new SessionActivity(rs.getString(1), teamId, rs.getDouble(2), rs.getLong(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant())));
        sessions.sort((a, b) -> Double.compare(b.costUsd(), a.costUsd()));
        return sessions;
    }

    /** Total spend of a team in {@code [from, to)}, all workflows; boundaries rounded up to the next whole UTC hour. */
    public double spendBetween(String teamId, Instant from, Instant to) {
        double[] total = { 0 };
        query("SELECT SUM(cost_usd) FROM usage_team_hourly WHERE team_id = ? AND bucket_start >= ? AND bucket_start < ?",
                ps -> {
                    ps.setString(1, teamId);
                    ps.setObject(2, UsageStore.utc(Rollups.hourCeil(from)));
                    ps.setObject(3, UsageStore.utc(Rollups.hourCeil(to)));
                }, rs -> total[0] = rs.getDouble(1));
        return total[0];
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
