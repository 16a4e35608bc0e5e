package dev.tokenwise.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.RowHandler;
import dev.tokenwise.common.db.Rows;

/**
 * Reads spend from the usage rollups ({@code usage_team_hourly} for totals, {@code usage_hourly} for models and
 * repositories, {@code usage_session_hourly} for sessions) that ingest keeps current; never the raw events.
 * Buckets are the team's local hours (docs/contract.md §3.6): a bucket belongs to the local day (or month) in which it
 * starts, which is exact in every zone, and a bucket is counted when it starts at or before the instant asked about.
 */
@ApplicationScoped
public class SpendRepository {

    /** Spend of one team × workflow on one local day. */
    public record DaySpend(String teamId, String workflow, LocalDate date, double costUsd) {
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

    private final Db db;

    public SpendRepository(Db db) {
        this.db = db;
    }

    /** One team's spend per workflow for buckets in [from, to]. */
    public Map<String, Double> byWorkflow(String teamId, Instant from, Instant to) {
        Map<String, Double> out = new HashMap<>();
        query("SELECT workflow, SUM(cost_usd) FROM usage_team_hourly WHERE team_id = ? AND bucket_start >= ? "
                + "AND bucket_start <= ? GROUP BY workflow", rs -> out.put(rs.getString(1), rs.getDouble(2)),
                teamId, from, to);
        return out;
    }

    /**
     * Spend per team × workflow × local day for the buckets in [from, to] of teams that share a time zone, one row
     * per team, workflow and day. A bucket belongs to the local day in which it starts. A 35-day window of 100 teams
     * is over half a million team-hours but a few ten thousand team-days, so on PostgreSQL the database folds the
     * hours; H2 (development, tests) cannot take a zone's local date in SQL, so there the hours are folded here.
     */
    public void daily(ZoneId zone, Collection<String> teamIds, Instant from, Instant to, Consumer<DaySpend> sink) {
        if (teamIds.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(teamIds);
        params.add(from);
        params.add(to);
        String where = " FROM usage_team_hourly WHERE team_id IN (" + Db.placeholders(teamIds.size())
                + ") AND bucket_start >= ? AND bucket_start <= ?";
        if (db.dialect().postgres()) {
            query("SELECT team_id, workflow, " + pgLocalDate(zone) + " AS spend_date, SUM(cost_usd)" + where
                    + " GROUP BY 1, 2, 3",
                    rs -> sink.accept(new DaySpend(rs.getString(1), rs.getString(2),
                            Rows.date(rs, 3), rs.getDouble(4))),
                    params.toArray());
            return;
        }
        record Day(String teamId, String workflow, LocalDate date) {
        }
        Map<Day, double[]> days = new LinkedHashMap<>();
        query("SELECT team_id, workflow, bucket_start, cost_usd" + where, rs -> {
            LocalDate d = LocalDate.ofInstant(Rows.instant(rs, 3), zone);
            Day day = new Day(rs.getString(1), rs.getString(2), d);
            days.computeIfAbsent(day, k -> new double[1])[0] += rs.getDouble(4);
        }, params.toArray());
        days.forEach((k, v) -> sink.accept(new DaySpend(k.teamId(), k.workflow(), k.date(), v[0])));
    }

    /**
     * PostgreSQL's local date of {@code bucket_start} in a zone. The zone is written into the SQL, never bound, and
     * comes only from a parsed {@link ZoneId}: a region by its IANA name (daylight-saving rules apply per row), a
     * fixed offset as an interval (a name such as 'UTC+5' would mean 5 hours west in PostgreSQL's POSIX reading;
     * an interval is east of UTC).
     */
    static String pgLocalDate(ZoneId zone) {
        ZoneId z = zone.normalized();
        if (z instanceof ZoneOffset offset) {
            int secs = Math.abs(offset.getTotalSeconds());
            return String.format(Locale.ROOT,
                    "CAST(bucket_start AT TIME ZONE INTERVAL '%s%02d:%02d:%02d' HOUR TO SECOND AS DATE)",
                    offset.getTotalSeconds() < 0 ? "-" : "+", secs / 3600, secs / 60 % 60, secs % 60);
        }
        String id = z.getId();
        if (!id.matches("[A-Za-z0-9/_+-]+")) {
            throw new IllegalArgumentException("unexpected zone id " + id);
        }
        return "CAST(bucket_start AT TIME ZONE '" + id + "' AS DATE)";
    }

    /** The top {@code limit} values of {@code column} (model or repo) by spend for a team × workflow in [from, to]. */
    public List<Share> topOfHourly(String column, String teamId, String workflow, Instant from, Instant to, int limit) {
        if (!column.equals("model") && !column.equals("repo")) {
            throw new IllegalArgumentException(column);
        }
        List<Share> out = new ArrayList<>();
        query("SELECT " + column + ", SUM(cost_usd) FROM usage_hourly WHERE team_id = ? AND workflow = ? "
                + "AND bucket_start >= ? AND bucket_start <= ? GROUP BY " + column + " ORDER BY 2 DESC, 1 "
                + "FETCH FIRST " + limit + " ROWS ONLY", rs -> out.add(new Share(rs.getString(1), rs.getDouble(2))),
                teamId, workflow, from, to);
        return out;
    }

    /** The top sessions by spend of a team × workflow in [from, to]. */
    public List<Share> topSessions(String teamId, String workflow, Instant from, Instant to, int limit) {
        List<Share> out = new ArrayList<>();
        query("SELECT session_id, SUM(cost_usd) FROM usage_session_hourly WHERE team_id = ? AND workflow = ? "
                + "AND bucket_start >= ? AND bucket_start <= ? GROUP BY session_id ORDER BY 2 DESC, 1 "
                + "FETCH FIRST " + limit + " ROWS ONLY", rs -> out.add(new Share(rs.getString(1), rs.getDouble(2))),
                teamId, workflow, from, to);
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
        params.add(from);
        params.add(to);
        params.add(costUsd);
        // Note: the interval is a literal built from a number (never user text); H2 and PostgreSQL both read
        // INTERVAL 'n' SECOND and both subtract timestamps into an interval.
        query("SELECT team_id, session_id, SUM(cost_usd), MIN(first_at), MAX(last_at) FROM usage_session_hourly "
                + "WHERE team_id IN (" + Db.placeholders(teamIds.size()) + ") "
                + "AND bucket_start >= ? AND bucket_start <= ? "
                + "GROUP BY team_id, session_id HAVING SUM(cost_usd) > ? OR MAX(last_at) - MIN(first_at) > INTERVAL '"
                + spanSeconds + "' SECOND",
                rs -> out.add(new SessionActivity(rs.getString(1), rs.getString(2),
                        rs.getDouble(3), Rows.instant(rs, 4), Rows.instant(rs, 5))),
                params.toArray());
        return out;
    }

    /** The tool, model, repository and workflow that carried most of a session's cost in [from, to]. */
    public SessionMain sessionMain(String teamId, String sessionId, Instant from, Instant to) {
        List<SessionMain> out = new ArrayList<>();
        query("SELECT tool, model, repo, workflow, SUM(cost_usd) FROM usage_session_hourly WHERE session_id = ? "
                + "AND team_id = ? AND bucket_start >= ? AND bucket_start <= ? GROUP BY tool, model, repo, workflow "
                + "ORDER BY 5 DESC, 2 FETCH FIRST 1 ROWS ONLY",
                rs -> out.add(new SessionMain(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))),
                sessionId, teamId, from, to);
        return out.isEmpty() ? new SessionMain("", "", "", "") : out.get(0);
    }

    private void query(String sql, RowHandler handler, Object... params) {
        if (!db.dialect().postgres()) {
            db.each(sql, handler, params);
            return;
        }
        // Note: PostgreSQL's JIT compiles these aggregates for up to 2 s before running them in 0.2 s; SET LOCAL
        // turns it off for this transaction only (the caller's, or one of its own), whoever uses the connection next.
        db.transaction(() -> {
            db.update("SET LOCAL jit = off");
            db.each(sql, handler, params);
        });
    }
}
