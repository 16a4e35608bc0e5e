package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.error.Problem;

/**
 * The checks of a {@link TeamUpdate} that go beyond its annotations (zone, day, order of the working hours, budget
 * bounds, workflow names): one violation per bad field, named as in the admin API's JSON. Shared by the admin API
 * and the Slack set-up form, so both refuse the same things with the same words.
 */
final class TeamChecks {

    private TeamChecks() {
    }

    static List<Problem.Violation> violations(TeamUpdate u) {
        List<Problem.Violation> errors = new ArrayList<>();
        if (u.timezone() != null) {
            try {
                // The stored id (the timezone column holds 64); region ids are at most 32, offsets shorter.
                if (ZoneId.of(u.timezone()).getId().length() > 64) {
                    throw new DateTimeException("too long");
                }
            } catch (DateTimeException e) {
                errors.add(new Problem.Violation(null, "timezone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        if (u.digestDay() != null) {
            try {
                DayOfWeek.valueOf(u.digestDay().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Violation(null, "digest_day", "must be a day such as MONDAY"));
            }
        }
        if (u.pulseDay() != null) {
            try {
                DayOfWeek.valueOf(u.pulseDay().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Violation(null, "pulse_day", "must be a day such as THURSDAY"));
            }
        }
        if (u.workingHours() != null && u.workingHours().matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d")
                && u.workingHours().substring(6).compareTo(u.workingHours().substring(0, 5)) <= 0) {
            errors.add(new Problem.Violation(null, "working_hours", "must end after it starts"));
        }
        InputLimits.decimal(errors, "monthly_budget_usd", u.monthlyBudgetUsd(), BigDecimal.ZERO, false,
                TeamService.MAX_BUDGET_USD, 2);
        if (u.workflowBudgetsUsd() != null) {
            Set<Workflow> seen = EnumSet.noneOf(Workflow.class);
            u.workflowBudgetsUsd().forEach((k, v) -> {
                String field = "workflow_budgets_usd." + k;
                Optional<Workflow> w = k.isBlank() ? Optional.empty() : Workflow.parse(k);
                if (w.isEmpty()) {
                    errors.add(new Problem.Violation(null, field, "unknown workflow; use one of " + Workflow.NAMES));
                } else if (!seen.add(w.get())) {
                    errors.add(new Problem.Violation(null, field, "names the workflow " + w.get().id() + " twice"));
                } else if (v == null) {
                    errors.add(new Problem.Violation(null, field, "must be a number"));
                } else {
                    InputLimits.decimal(errors, field, v, BigDecimal.ZERO, false, TeamService.MAX_BUDGET_USD, 2);
                }
            });
        }
        return errors;
    }
}
