package dev.tokenwise.team;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PUT /api/admin/teams/{team}}: every field optional; absent fields keep their value. Channels are
 * Slack channel ids, at most 64 characters (the column); budgets are bounded in {@link TeamService}.
 */
public record TeamUpdate(
        @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE) String channel,
        @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE) String alertChannel,
        String timezone,
        String digestDay,
        @Pattern(regexp = HH_MM, message = "must be HH:mm, e.g. 09:00") String digestTime,
        @Pattern(regexp = HH_MM + "-" + HH_MM, message = "must be HH:mm-HH:mm, e.g. 09:00-18:00") String workingHours,
        BigDecimal monthlyBudgetUsd,
        Map<String, BigDecimal> workflowBudgetsUsd,
        @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer minContributors,
        Boolean pulse,
        String pulseDay,
        @Pattern(regexp = HH_MM, message = "must be HH:mm, e.g. 15:00") String pulseTime,
        List<String> githubTeams,
        List<String> anthropicWorkspaces,
        List<String> openaiProjects) {

    /** The settings of {@link TeamSettings} before the pulse and the pulled sources' accounts. */
    public TeamUpdate(String channel, String alertChannel, String timezone, String digestDay, String digestTime,
            String workingHours, BigDecimal monthlyBudgetUsd, Map<String, BigDecimal> workflowBudgetsUsd,
            Integer minContributors) {
        this(channel, alertChannel, timezone, digestDay, digestTime, workingHours, monthlyBudgetUsd,
                workflowBudgetsUsd, minContributors, null, null, null, null, null, null);
    }

    /** The settings the Slack set-up form shows (docs/contract.md §9.8): no pulled sources' accounts. */
    public TeamUpdate(String channel, String alertChannel, String timezone, String digestDay, String digestTime,
            String workingHours, BigDecimal monthlyBudgetUsd, Map<String, BigDecimal> workflowBudgetsUsd,
            Integer minContributors, Boolean pulse) {
        this(channel, alertChannel, timezone, digestDay, digestTime, workingHours, monthlyBudgetUsd,
                workflowBudgetsUsd, minContributors, pulse, null, null, null, null, null);
    }

    /** A time of day, HH:mm. */
    static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";

    static final String CHANNEL = "[A-Za-z0-9#_.-]{1,64}";
    static final String CHANNEL_MESSAGE = "must be a Slack channel id such as C0123ABCD (at most 64 letters, digits, "
            + "'#', '_', '.' or '-')";
}
