package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A team and its settings as the API shows them (docs/contract.md §10). Also the view every feature reads:
 * {@link #zone()}, {@link #digestDayOfWeek()}, {@link #workStart()} parse the stored strings once validated.
 */
public record TeamSettings(String id, String channel, String alertChannel, String timezone, String digestDay,
        String digestTime, String workingHours, BigDecimal monthlyBudgetUsd, Map<String, BigDecimal> workflowBudgetsUsd,
        int minContributors,
        // The weekly pulse (docs/contract.md §4.3) is opt-in: off until an admin turns it on.
        boolean pulse, String pulseDay, String pulseTime,
        // Null only in audit rows, which leave the repositories out (see TeamService#audited).
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> repos,
        // The accounts of the pulled sources (docs/contract.md §5.7), each sorted.
        List<String> githubTeams, List<String> anthropicWorkspaces, List<String> openaiProjects) {

    /** The settings of a team nobody has configured (used for the {@code unassigned} team). */
    public static TeamSettings defaults(String id) {
        return new TeamSettings(id, null, null, "UTC", "MONDAY", "09:00", "09:00-18:00", null, Map.of(), 3, false,
                "THURSDAY", "15:00", List.of(), List.of(), List.of(), List.of());
    }

    /** These settings with other repositories (and the same accounts). */
    public TeamSettings withRepos(List<String> repos) {
        return new TeamSettings(id, channel, alertChannel, timezone, digestDay, digestTime, workingHours,
                monthlyBudgetUsd, workflowBudgetsUsd, minContributors, pulse, pulseDay, pulseTime, repos, githubTeams,
                anthropicWorkspaces, openaiProjects);
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public DayOfWeek digestDayOfWeek() {
        return DayOfWeek.valueOf(digestDay);
    }

    public LocalTime digestLocalTime() {
        return LocalTime.parse(digestTime);
    }

    /** The day of the week of the team pulse (docs/contract.md §9.9). */
    public DayOfWeek pulseDayOfWeek() {
        return DayOfWeek.valueOf(pulseDay);
    }

    public LocalTime pulseLocalTime() {
        return LocalTime.parse(pulseTime);
    }

    public LocalTime workStart() {
        return LocalTime.parse(workingHours.substring(0, 5));
    }

    public LocalTime workEnd() {
        return LocalTime.parse(workingHours.substring(6));
    }

    /** The channel alerts go to: the alert channel, else the digest channel (may be null: not configured). */
    public String effectiveAlertChannel() {
        return alertChannel != null ? alertChannel : channel;
    }
}
