package dev.tokenwise.team;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/** Tables team and team_workflow_budget: {@link Team} records. */
@ApplicationScoped
public class TeamRepository {

    private static final String COLUMNS = "id, channel, alert_channel, timezone, digest_day, digest_time, "
            + "working_hours, monthly_budget_usd, min_contributors, pulse, pulse_day, pulse_time, created_at, updated_at";

    private final Db db;

    public TeamRepository(Db db) {
        this.db = db;
    }

    public Optional<Team> find(String id) {
        return db.one("SELECT " + COLUMNS + " FROM team WHERE id = ?", rs -> team(rs, Map.of()), id)
                .map(t -> new Team(t.id(), t.channel(), t.alertChannel(), t.timezone(), t.digestDay(), t.digestTime(),
                        t.workingHours(), t.monthlyBudgetUsd(), budgets(id), t.minContributors(), t.pulse(),
                        t.pulseDay(), t.pulseTime(), t.createdAt(), t.updatedAt()));
    }

    public boolean exists(String id) {
        return db.one("SELECT 1 FROM team WHERE id = ?", rs -> true, id).isPresent();
    }

    /** Every team, by id. */
    public List<Team> all() {
        Map<String, Map<String, BigDecimal>> budgets = new HashMap<>();
        db.each("SELECT team_id, workflow, monthly_usd FROM team_workflow_budget",
                rs -> budgets.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                        Rows.decimal(rs, 3)));
        return db.list("SELECT " + COLUMNS + " FROM team ORDER BY id",
                rs -> team(rs, Map.copyOf(budgets.getOrDefault(rs.getString(1), Map.of()))));
    }

    public void insert(Team t) {
        db.update("INSERT INTO team (" + COLUMNS + ") VALUES (" + Db.placeholders(14) + ")", t.id(), t.channel(),
                t.alertChannel(), t.timezone(), t.digestDay(), t.digestTime(), t.workingHours(), t.monthlyBudgetUsd(),
                t.minContributors(), t.pulse(), t.pulseDay(), t.pulseTime(), t.createdAt(), t.updatedAt());
        insertBudgets(t.id(), t.workflowBudgetsUsd());
    }

    /** Updates the team's row, and its workflow budgets when they changed. */
    public void update(Team before, Team t) {
        db.update("UPDATE team SET channel = ?, alert_channel = ?, timezone = ?, digest_day = ?, digest_time = ?, "
                + "working_hours = ?, monthly_budget_usd = ?, min_contributors = ?, pulse = ?, pulse_day = ?, "
                + "pulse_time = ?, updated_at = ? WHERE id = ?", t.channel(), t.alertChannel(), t.timezone(),
                t.digestDay(), t.digestTime(), t.workingHours(), t.monthlyBudgetUsd(), t.minContributors(), t.pulse(),
                t.pulseDay(), t.pulseTime(), t.updatedAt(), t.id());
        if (!before.workflowBudgetsUsd().equals(t.workflowBudgetsUsd())) {
            db.update("DELETE FROM team_workflow_budget WHERE team_id = ?", t.id());
            insertBudgets(t.id(), t.workflowBudgetsUsd());
        }
    }

    /** Deletes the team; its budgets and repository mappings go with it (ON DELETE CASCADE). */
    public boolean delete(String id) {
        return db.update("DELETE FROM team WHERE id = ?", id) == 1;
    }

    private void insertBudgets(String id, Map<String, BigDecimal> budgets) {
        db.batch("INSERT INTO team_workflow_budget (team_id, workflow, monthly_usd) VALUES (?, ?, ?)",
                budgets.entrySet().stream().map(e -> new Object[] { id, e.getKey(), e.getValue() }).toList());
    }

    private Map<String, BigDecimal> budgets(String id) {
        Map<String, BigDecimal> budgets = new HashMap<>();
        db.each("SELECT workflow, monthly_usd FROM team_workflow_budget WHERE team_id = ?",
                rs -> budgets.put(rs.getString(1), Rows.decimal(rs, 2)), id);
        return Map.copyOf(budgets);
    }

    private static Team team(ResultSet rs, Map<String, BigDecimal> budgets) throws SQLException {
        return new Team(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Rows.decimal(rs, 8), budgets, rs.getInt(9),
                rs.getBoolean(10), rs.getString(11), rs.getString(12), Rows.instant(rs, 13), Rows.instant(rs, 14));
    }
}
