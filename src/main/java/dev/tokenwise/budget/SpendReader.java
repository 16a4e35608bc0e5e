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
 * Reads spend from the usage rollups ({@code usage_team_hourly} for totals, {@code usage_hourly} for models and
 * repositories, {@code usage_session_hourly} for sessions) that ingest keeps current; never the raw events.
 * Plain JDBC because these are read-only aggregates, some of them large.
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

    private final DataSource ds;
    private volatile Boolean postgres;

    public SpendReader(DataSource ds) {
        this.ds = ds;
    }

    /** One team's spend per workflow for buckets in [from, to]. */
    public Map<String, Double> byWorkflow(String teamId, Instant from, Instant to) {
        Map<String, Double> out = new HashMap<>();
        query("SELECT workflow, SUM(cost_usd) FROM usage_team_hourly WHERE team_id = ? AND bucket_start >= ? "
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
        query("SELECT team_id, workflow, bucket_start, cost_usd FROM usage_team_hourly WHERE team_id IN ("
                + marks(teamIds.size()) + ") AND bucket_start >= ? AND bucket_start <= ?", params,
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
