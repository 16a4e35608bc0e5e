package dev.tokenwise.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/** What the pulled-source tests read and set in the database directly (never mocked). */
@ApplicationScoped
public class SourcesDb {

    private final Db db;

    public SourcesDb(Db db) {
        this.db = db;
    }

    /** Every source as if it never ran, and no billed day stored. */
    public void reset() {
        db.transaction(() -> db.update("DELETE FROM billed_cost_day"));
        db.transaction(() -> db.update("UPDATE source_state SET covered_through = NULL, last_success_at = NULL, "
                + "last_error = NULL, last_error_at = NULL, failures = 0, next_attempt_at = NULL, lease_owner = NULL, "
                + "lease_until = NULL"));
    }

    public void coveredThrough(String source, LocalDate day) {
        db.transaction(() -> db.update("UPDATE source_state SET covered_through = ? WHERE source = ?", day, source));
    }

    /** Another replica holds the source until {@code until}. */
    public void leasedElsewhere(String source, Instant until) {
        db.transaction(() -> db.update("UPDATE source_state SET lease_owner = 'replica-other', lease_until = ? "
                + "WHERE source = ?", until, source));
    }

    /**
     * The day's Copilot rows as "team seats cost active engaged shown accepted lines chat" (cost to 4 decimals,
     * absent figures as null).
     */
    public List<String> copilotDay(LocalDate day) {
        return db.transaction(() -> db.list("SELECT team_id, seats, seat_cost_usd, active_users, engaged_users, "
                + "suggestions_shown, suggestions_accepted, lines_accepted, chat_turns FROM copilot_team_day "
                + "WHERE usage_day = ? ORDER BY team_id",
                rs -> String.format(Locale.ROOT, "%s %s %.4f %s %s %s %s %s %s", rs.getString(1), rs.getDouble(2),
                        rs.getDouble(3), Rows.intOrNull(rs, 4), Rows.intOrNull(rs, 5), Rows.longOrNull(rs, 6),
                        Rows.longOrNull(rs, 7), Rows.longOrNull(rs, 8), Rows.longOrNull(rs, 9)),
                day));
    }

    /** Usage events a source booked with keys starting with {@code prefix}, as "key team tool workflow model cost". */
    public List<String> events(String prefix) {
        return db.transaction(() -> db.list("SELECT event_key, team_id, tool, workflow, model, cost_usd FROM "
                + "usage_event WHERE event_key LIKE ? ORDER BY event_key",
                rs -> String.format(Locale.ROOT, "%s %s %s %s %s %.4f", rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6)),
                prefix + "%"));
    }

    /** The source's billed days as "day account cost". */
    public List<String> billed(String source) {
        return db.transaction(() -> db.list("SELECT bill_day, account, cost_usd FROM billed_cost_day WHERE source = ? "
                + "ORDER BY bill_day, account",
                rs -> String.format(Locale.ROOT, "%s %s %.4f", Rows.date(rs, 1), rs.getString(2), rs.getDouble(3)),
                source));
    }

    /** Cost in the hourly rollup of a team's tool. */
    public double rolledUp(String team, String tool) {
        return db.transaction(() -> db.one("SELECT COALESCE(SUM(cost_usd), 0) FROM usage_hourly WHERE team_id = ? "
                + "AND tool = ?", rs -> rs.getDouble(1), team, tool).orElse(0d));
    }
}
