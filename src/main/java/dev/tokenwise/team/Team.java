package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A team as stored: table team, and its per-workflow monthly budgets from table team_workflow_budget (workflow id →
 * USD). Strings are stored as validated by {@link TeamService}; {@link TeamSettings} is the view features read.
 */
public record Team(String id, String channel, String alertChannel, String timezone, String digestDay,
        String digestTime, String workingHours, BigDecimal monthlyBudgetUsd, Map<String, BigDecimal> workflowBudgetsUsd,
        int minContributors, boolean pulse, String pulseDay, String pulseTime, Instant createdAt,
        Instant updatedAt) {

    /** A team nobody has configured yet: the column defaults of table team. */
    static Team created(String id, Instant at) {
        return new Team(id, null, null, "UTC", "MONDAY", "09:00", "09:00-18:00", null, Map.of(), 3, false, "THURSDAY", "15:00",
                at,
                at);
    }
}
