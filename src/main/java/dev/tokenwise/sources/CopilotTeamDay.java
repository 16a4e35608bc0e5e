package dev.tokenwise.sources;

/**
 * One team's Copilot day as stored (table copilot_team_day): the seats booked as usage and, only for a team-day with
 * at least {@link #MIN_USERS} Copilot users, the activity figures (null otherwise). Never anything per user.
 *
 * @param seats active seats; a user in k of the organisation's mapped teams counts 1/k in each
 */
public record CopilotTeamDay(String teamId, double seats, Integer activeUsers, Integer engagedUsers,
        Long suggestionsShown, Long suggestionsAccepted, Long linesAccepted, Long chatTurns) {

    /** GitHub's own threshold: Copilot figures of fewer users are not published, nor kept here. */
    public static final int MIN_USERS = 5;

    /** The same seats without the activity figures (a team-day under the threshold). */
    CopilotTeamDay withoutActivity() {
        return new CopilotTeamDay(teamId, seats, null, null, null, null, null, null);
    }

    boolean hasActivity() {
        return activeUsers != null;
    }
}
