package dev.tokenwise.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads spend from the usage rollups ({@code usage_hourly}, {@code usage_session_hourly}) that ingest keeps
 * current; never the raw events. Plain JDBC because these are read-only aggregates, some of them large.
 * Hours are UTC buckets: a bucket belongs to the local day (or month) in which it starts, and a bucket is counted
 * when it starts at or before the instant asked about.
 */
@ApplicationScoped
public class SpendReader {

    /** Spend of one team × workflow in one UTC hour. */
    public record HourSpend(String teamId, String workflow, Instant bucketStart, double costUsd) {
    }

    /** A named slice of spend (a model, a repository, a session) for alert context. */
    public record Share(String name, double costUsd) {
    }

    /** A session's activity in a window: total cost and the first and last event. */
    public record SessionActivity(String teamId, String sessionId, double costUsd, Instant firstAt, Instant lastAt) {
    }

    /** The attributes of a session that carried most of its cost. */
    public record SessionMain(String tool, String model, String repo, String workflow) {
    }

    /** A cached settled day: spend of one team × workflow on one local day ('*' = the day's total, the marker). */
    public record DayRow(String teamId, LocalDate date, String workflow, double costUsd, Instant computedAt) {
    }

    private final DataSource ds;
    private volatile Boolean postgres;

    public SpendReader(DataSource ds) {
        this.ds = ds;
    }

    /** Cached settled days of the given teams from {@code from} on. */
    public List<DayRow> cachedDays(Collection<String> teamIds, LocalDate from) {
        List<DayRow> out = new ArrayList<>();
        if (teamIds.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(teamIds);
        params.add(from);
        query("SELECT team_id, spend_date, workflow, cost_usd, computed_at FROM spend_day WHERE team_id IN ("
                + marks(teamIds.size()) + ") AND spend_date >= ?", params,
                rs -> out.add(new DayRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getDouble(4), rs.getObject(5, OffsetDateTime.class).toInstant())));
        return out;
    }

    /**
     * Replaces the cached days of one team: for each date, the spend per workflow plus a '*' total row. Written in
     * its own transaction; a concurrent writer of the same days leaves the same figures.
     */
    public void storeDays(String teamId, Map<LocalDate, Map<String, Double>> days, Instant computedAt) {
        if (days.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            // Note: two evaluations (replicas, or a manual one beside the schedule) may refresh the same team's
            // days at once; taking the team row's lock first serialises them, where interleaved deletes and
            // inserts of the same keys would deadlock.
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM team WHERE id = ? FOR UPDATE")) {
                lock.setString(1, teamId);
                lock.executeQuery().close();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM spend_day WHERE team_id = ? AND spend_date = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO spend_day (team_id, spend_date, workflow, "
                            + "cost_usd, computed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var d : days.entrySet()) {
                    del.setString(1, teamId);
                    del.setObject(2, d.getKey());
                    del.addBatch();
                    double total = 0;
                    for (var w : d.getValue().entrySet()) {
                        total += w.getValue();
                        add(ins, teamId, d.getKey(), w.getKey(), w.getValue(), computedAt);
                    }
                    add(ins, teamId, d.getKey(), "*", total, computedAt);
                }
                del.executeBatch();
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the settled-day cache failed", e);
        }
    }

    private static void add(PreparedStatement ins, String team, LocalDate date, String workflow, double cost,
            Instant at) throws SQLException {
        ins.setString(1, team);
        ins.setObject(2, date);
        ins.setString(3, workflow);
        ins.setDouble(4, cost);
        ins.setObject(5, ts(at));
        ins.addBatch();
    }

    /** One team's spend per workflow for buckets in [from, to]. */
    public Map<String, Double> byWorkflow(String teamId, Instant from, Instant to) {
        Map<String, Double> out = new HashMap<>();
        query("SELECT workflow, SUM(cost_usd) FROM usage_hourly WHERE team_id = ? AND bucket_start >= ? "
                + "AND bucket_start <= ? GROUP BY workflow", List.of(teamId, ts(from), ts(to)),
                rs -> out.put(rs.getString(1), rs.getDouble(2)));
        return out;
    }

    /**
     * Spend per team × workflow × hour for buckets in [from, to] of the given teams. The caller folds hours into
     * local days; doing that in SQL would need per-row time-zone arithmetic that H2 and PostgreSQL disagree on.
     */
    public void hourly(Collection<String> teamIds, Instant from, Instant to, Consumer<HourSpend> sink) {
        if (teamIds.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(teamIds);
        params.add(ts(from));
        params.add(ts(to));
        query("SELECT team_id, workflow, bucket_start, SUM(cost_usd) FROM usage_hourly WHERE team_id IN ("
                + marks(teamIds.size()) + ") AND bucket_start >= ? AND bucket_start <= ? "
                + "GROUP BY team_id, workflow, bucket_start", params,
                rs -> sink.accept(new HourSpend(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getDouble(4))));
    }

    /** The top {@code limit} values of {@code column} (model or repo) by spend for a team × workflow in [from, to]. */
    public List<Share> topOfHourly(String column, String teamId, String workflow, Instant from, Instant to, int limit) {
        if (!column.equals("model") && !column.equals("repo")) {
            throw new IllegalArgumentException(column);
        }
        List<Share> out = new ArrayList<>();
        query("SELECT " + column + ", SUM(cost_usd) FROM usage_hourly WHERE team_id = ? AND workflow = ? "
                + "AND bucket_start >= ? AND bucket_start <= ? GROUP BY " + column + " ORDER BY 2 DESC, 1 "
                + "FETCH FIRST " + limit + " ROWS ONLY", List.of(teamId, workflow, ts(from), ts(to)),
                rs -> out.add(new Share(rs.getString(1), rs.getDouble(2))));
        return out;
    }

    /** The top sessions by spend of a team × workflow in [from, to]. */
    public List<Share> topSessions(String teamId, String workflow, Instant from, Instant to, int limit) {
        List<Share> out = new ArrayList<>();
        query("SELECT session_id, SUM(cost_usd) FROM usage_session_hourly WHERE team_id = ? AND workflow = ? "
                + "AND bucket_start >= ? AND bucket_start <= ? GROUP BY session_id ORDER BY 2 DESC, 1 "
                + "FETCH FIRST " + limit + " ROWS ONLY", List.of(teamId, workflow, ts(from), ts(to)),
                rs -> out.add(new Share(rs.getString(1), rs.getDouble(2))));
        return out;
    }

    /**
     * Sessions of the given teams whose buckets in [from, to] cost more than {@code costUsd} or span more than
     * {@code spanSeconds} from first to last event.
     */
    public List<SessionActivity> sessionsOver(Collection<String> teamIds, Instant from, Instant to, double costUsd,
            long spanSeconds) {
        List<SessionActivity> out = new ArrayList<>();
        if (teamIds.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(teamIds);
        params.add(ts(from));
        params.add(ts(to));
        params.add(costUsd);
        // Note: the interval is a literal built from a number (never user text); H2 and PostgreSQL both read
        // INTERVAL 'n' SECOND and both subtract timestamps into an interval.
        query("SELECT team_id, session_id, SUM(cost_usd), MIN(first_at), MAX(last_at) FROM usage_session_hourly "
                + "WHERE team_id IN (" + marks(teamIds.size()) + ") AND bucket_start >= ? AND bucket_start <= ? "
                + "GROUP BY team_id, session_id HAVING SUM(cost_usd) > ? OR MAX(last_at) - MIN(first_at) > INTERVAL '"
                + spanSeconds + "' SECOND", params,
                rs -> out.add(new SessionActivity(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant())));
        return out;
    }

    /** The tool, model, repository and workflow that carried most of a session's cost in [from, to]. */
    public SessionMain sessionMain(String teamId, String sessionId, Instant from, Instant to) {
        List<SessionMain> out = new ArrayList<>();
        query("SELECT tool, model, repo, workflow, SUM(cost_usd) FROM usage_session_hourly WHERE session_id = ? "
                + "AND team_id = ? AND bucket_start >= ? AND bucket_start <= ? GROUP BY tool, model, repo, workflow "
                + "ORDER BY 5 DESC, 2 FETCH FIRST 1 ROWS ONLY", List.of(sessionId, teamId, ts(from), ts(to)),
                rs -> out.add(new SessionMain(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        return out.isEmpty() ? new SessionMain("", "", "", "") : out.get(0);
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> params, RowReader reader) {
        try (Connection c = ds.getConnection()) {
            boolean own = false;
            if (isPostgres(c)) {
                // Note: PostgreSQL's JIT compiles these aggregates for up to 2 s before running them in 0.2 s;
                // SET LOCAL turns it off for this transaction only, whoever uses the pooled connection next.
                own = c.getAutoCommit();
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL jit = off");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5000);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } finally {
                if (own) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the usage rollups failed", e);
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = pg;
        }
        return pg;
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
