package dev.tokenwise.team;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** Body of {@code PUT /api/admin/teams/{team}}: every field optional; absent fields keep their value. */
public record TeamUpdate(
        @Pattern(regexp = "[A-Za-z0-9#_.-]{1,80}", message = "must be a Slack channel id such as C0123ABCD") String channel,
        @Pattern(regexp = "[A-Za-z0-9#_.-]{1,80}", message = "must be a Slack channel id such as C0123ABCD") String alertChannel,
        String timezone,
        String digestDay,
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm, e.g. 09:00") String digestTime,
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]",
                message = "must be HH:mm-HH:mm, e.g. 09:00-18:00") String workingHours,
        @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal monthlyBudgetUsd,
        Map<String, BigDecimal> workflowBudgetsUsd,
        @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer minContributors) {
}
