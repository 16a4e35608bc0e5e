package dev.tokenwise.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * Builds usage histories for alert tests by writing the rollups directly (they are the contract with ingest),
 * and reads what the alerts put in the outbox.
 */
@ApplicationScoped
public class Rollups {

    /** An outbox row as the tests look at it. */
    public record Sent(String dedupKey, String kind, String channel, String text, String blocksJson) {
    }

    private final Db db;

    public Rollups(Db db) {
        this.db = db;
    }

    /** Adds {@code cost} to the hour of {@code at} for team × workflow × model × repo (tool claude-code). */
    public void add(String team, Instant at, String workflow, String model, String repo, double cost) {
        Instant bucket = at.truncatedTo(ChronoUnit.HOURS);
        db.newTransaction(() -> {
            int n = db.update("UPDATE usage_hourly SET cost_usd = cost_usd + ?, events = events + 1 "
                    + "WHERE team_id = ? AND bucket_start = ? AND workflow = ? AND model = ? AND tool = 'claude-code' "
                    + "AND repo = ? AND attributed = FALSE", cost, team, bucket, workflow, model, repo);
            if (n == 0) {
                db.update("INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, "
                        + "attributed, events, cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, "
                        + "output_tokens, reasoning_tokens, unpriced_events) VALUES (?, ?, ?, ?, 'claude-code', ?, "
                        + "FALSE, 1, ?, 0, 0, 0, 0, 0, 0)", team, bucket, workflow, model, repo, cost);
            }
            // The narrow team-hour rollup that ingest keeps beside usage_hourly (budgets and spikes read it).
            n = db.update("UPDATE usage_team_hourly SET cost_usd = cost_usd + ?, events = events + 1 "
                    + "WHERE team_id = ? AND bucket_start = ? AND workflow = ?", cost, team, bucket, workflow);
            if (n == 0) {
                db.update("INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd) "
                        + "VALUES (?, ?, ?, 1, ?)", team, bucket, workflow, cost);
            }
        });
    }

    /** Adds an event of a session: its cost to the session's hour, widening first_at / last_at. */
    public void session(String session, String team, Instant at, String workflow, String model, String repo,
            double cost) {
        Instant bucket = at.truncatedTo(ChronoUnit.HOURS);
        db.newTransaction(() -> {
            int n = db.update("UPDATE usage_session_hourly SET cost_usd = cost_usd + ?, events = events + 1, "
                    + "first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?) WHERE session_id = ? "
                    + "AND bucket_start = ? AND team_id = ? AND workflow = ? AND model = ? AND tool = 'claude-code' "
                    + "AND repo = ?", cost, at, at, session, bucket, team, workflow, model, repo);
            if (n == 0) {
                db.update("INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, workflow, "
                        + "model, tool, repo, events, cost_usd, first_at, last_at) VALUES (?, ?, ?, ?, ?, "
                        + "'claude-code', ?, 1, ?, ?, ?)", session, bucket, team, workflow, model, repo, cost, at, at);
            }
        });
        add(team, at, workflow, model, repo, cost);
    }

    /** Alerts queued for a team, oldest first. */
    public List<Sent> sent(String team) {
        return db.list("SELECT dedup_key, kind, channel, text, blocks_json FROM outbox_message WHERE team_id = ? "
                + "ORDER BY id",
                rs -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                team);
    }

    /** The budget state row of a team scope in a month: level and forecast flag, or null. */
    public Object[] state(String team, String scope, String monthFirst) {
        return db.one("SELECT level_pct, forecast_alerted FROM budget_alert_state WHERE team_id = ? AND scope = ? "
                + "AND budget_month = ?", rs -> new Object[] { rs.getInt(1), rs.getBoolean(2) }, team, scope,
                LocalDate.parse(monthFirst)).orElse(null);
    }
}
