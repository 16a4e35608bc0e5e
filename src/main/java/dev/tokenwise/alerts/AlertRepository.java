package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.RowMapper;
import dev.tokenwise.common.db.Rows;

/**
 * The alert tables of V6: budget state, raised alerts and snoozes. Writes join the caller's transaction (they
 * are meant to be called inside one, as part of the change they record); every "once" is decided by the database
 * (a compare-and-set UPDATE or an INSERT ... ON CONFLICT DO NOTHING), so replicas evaluating at the same moment
 * agree on who announces what.
 */
@ApplicationScoped
public class AlertRepository {

    /** The stored state of one budget scope in one month. */
    public record BudgetState(int levelPct, boolean forecastAlerted) {
    }

    /** A raised alert as {@code /tokenwise spikes} and the snooze button show it. */
    public record RaisedAlert(String rule, String teamId, String subject, Instant raisedAt, Double amountUsd,
            Double baselineUsd, String summary, String delivery) {
    }

    private static final RowMapper<RaisedAlert> RAISED = rs -> new RaisedAlert(rs.getString(1), rs.getString(2),
            rs.getString(3), Rows.instant(rs, 4), Rows.doubleOrNull(rs, 5), Rows.doubleOrNull(rs, 6), rs.getString(7),
            rs.getString(8));

    private final Db db;
    private final Clock clock;

    public AlertRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** States of the given teams for one month per team, keyed {@code team|scope}. */
    public Map<String, BudgetState> budgetStates(Map<String, LocalDate> monthOfTeam) {
        Map<String, BudgetState> out = new HashMap<>();
        if (monthOfTeam.isEmpty()) {
            return out;
        }
        LocalDate min = monthOfTeam.values().stream().min(LocalDate::compareTo).orElseThrow();
        db.each("SELECT team_id, scope, budget_month, level_pct, forecast_alerted FROM budget_alert_state "
                + "WHERE budget_month >= ?", rs -> {
                    String team = rs.getString(1);
                    LocalDate month = monthOfTeam.get(team);
                    if (month != null && month.equals(Rows.date(rs, 3))) {
                        out.put(team + "|" + rs.getString(2), new BudgetState(rs.getInt(4), rs.getBoolean(5)));
                    }
                }, min);
        return out;
    }

    /** Creates the state row of a scope and month; true when this call created it. */
    public boolean ensureBudgetRow(String team, String scope, LocalDate month) {
        return db.update("INSERT INTO budget_alert_state (team_id, scope, budget_month, level_pct, "
                + "forecast_alerted, updated_at) VALUES (?, ?, ?, 0, FALSE, ?) ON CONFLICT DO NOTHING", team, scope,
                month, clock.instant()) == 1;
    }

    public BudgetState budgetState(String team, String scope, LocalDate month) {
        return db.one("SELECT level_pct, forecast_alerted FROM budget_alert_state "
                + "WHERE team_id = ? AND scope = ? AND budget_month = ?",
                rs -> new BudgetState(rs.getInt(1), rs.getBoolean(2)), team, scope, month)
                .orElseThrow(() -> new IllegalStateException("No budget alert state for " + team + "|" + scope
                        + " in " + month));
    }

    /** Moves the level from {@code expected} to {@code target}; false when another evaluation moved it first. */
    public boolean casBudgetLevel(String team, String scope, LocalDate month, int expected, int target) {
        return db.update("UPDATE budget_alert_state SET level_pct = ?, updated_at = ? WHERE team_id = ? "
                + "AND scope = ? AND budget_month = ? AND level_pct = ?", target, clock.instant(), team, scope, month,
                expected) == 1;
    }

    /** Marks the month's forecast alert as given; false when it already was. */
    public boolean casForecast(String team, String scope, LocalDate month) {
        return db.update("UPDATE budget_alert_state SET forecast_alerted = TRUE, updated_at = ? "
                + "WHERE team_id = ? AND scope = ? AND budget_month = ? AND forecast_alerted = FALSE",
                clock.instant(), team, scope, month) == 1;
    }

    /** The scopes of a month that raised anything (a threshold or the forecast), keyed by scope. */
    public Map<String, BudgetState> alertedScopes(String team, LocalDate month) {
        Map<String, BudgetState> out = new LinkedHashMap<>();
        db.each("SELECT scope, level_pct, forecast_alerted FROM budget_alert_state "
                + "WHERE team_id = ? AND budget_month = ? AND (level_pct > 0 OR forecast_alerted = TRUE) "
                + "ORDER BY scope", rs -> out.put(rs.getString(1), new BudgetState(rs.getInt(2), rs.getBoolean(3))),
                team, month);
        return out;
    }

    /**
     * Records a raised alert; false when one with the same key exists (the cooldown). {@code delivery} is what
     * became of its message (the column of that name: queued, snoozed, no-channel).
     */
    public boolean insertAlert(String key, String rule, String team, String subject, Double amount, Double baseline,
            String summary, String delivery) {
        return db.update("INSERT INTO alert_event (alert_key, alert_rule, team_id, subject, raised_at, "
                + "amount_usd, baseline_usd, summary, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", key, rule, team, subject, clock.instant(), amount, baseline,
                truncate(summary, 2000), delivery) == 1;
    }

    /** Keys of alerts of one rule raised since {@code since} by the given teams (to skip known ones cheaply). */
    public Set<String> alertKeysSince(String rule, Instant since) {
        return new HashSet<>(db.list("SELECT alert_key FROM alert_event WHERE alert_rule = ? AND raised_at >= ?",
                rs -> rs.getString(1), rule, since));
    }

    /** Active snoozes at {@code at}, as {@code rule|team|subject}. */
    public Set<String> activeSnoozes(Instant at) {
        Set<String> out = new HashSet<>();
        db.each("SELECT alert_rule, team_id, subject FROM alert_snooze WHERE snoozed_until > ?",
                rs -> out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)), at);
        return out;
    }

    /** Sets (or moves) a snooze; returns the previous end, if any, for the audit log. */
    public Optional<Instant> snooze(String rule, String team, String subject, Instant until, String by) {
        Optional<Instant> before = db.one("SELECT snoozed_until FROM alert_snooze WHERE alert_rule = ? "
                + "AND team_id = ? AND subject = ?", rs -> Rows.instant(rs, 1), rule, team, subject);
        // Note: UPDATE then INSERT ... ON CONFLICT DO NOTHING, since ON CONFLICT (...) DO UPDATE is not portable to H2.
        int updated = db.update("UPDATE alert_snooze SET snoozed_until = ?, snoozed_by = ?, "
                + "snoozed_at = ? WHERE alert_rule = ? AND team_id = ? AND subject = ?", until, by, clock.instant(),
                rule, team, subject);
        if (updated == 0) {
            db.update("INSERT INTO alert_snooze (alert_rule, team_id, subject, snoozed_until, snoozed_by, "
                    + "snoozed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rule, team, subject, until, by,
                    clock.instant());
        }
        return before;
    }

    /** Alerts of a team of the given rules raised since {@code since}, newest first. */
    public List<RaisedAlert> recent(String team, Collection<String> rules, Instant since, int limit) {
        return select("team_id = ? AND alert_rule IN (" + Db.placeholders(rules.size()) + ") AND raised_at >= ?",
                params(team, rules, since), limit);
    }

    /** The latest alert of the given rules about one subject (the message a snooze button belongs to). */
    public Optional<RaisedAlert> latest(String team, Collection<String> rules, String subject) {
        return select("team_id = ? AND alert_rule IN (" + Db.placeholders(rules.size()) + ") AND subject = ?",
                params(team, rules, subject), 1).stream().findFirst();
    }

    private List<RaisedAlert> select(String where, List<Object> params, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return db.list("SELECT alert_rule, team_id, subject, raised_at, amount_usd, baseline_usd, "
                + "summary, delivery FROM alert_event WHERE " + where + " ORDER BY raised_at DESC, id DESC LIMIT ?",
                RAISED, all.toArray());
    }

    private static List<Object> params(String team, Collection<String> rules, Object last) {
        List<Object> out = new ArrayList<>();
        out.add(team);
        out.addAll(rules);
        out.add(last);
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
