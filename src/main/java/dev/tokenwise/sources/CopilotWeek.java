package dev.tokenwise.sources;

import java.math.BigDecimal;

/**
 * Copilot in a team's period, for the digest (docs/contract.md §5.7): its spend (seat cost and any Copilot usage),
 * and its activity over the days with kept figures (team-days with at least 5 Copilot users): lines accepted and the
 * most active users on one day, a count, never who.
 *
 * @param activityDays days whose activity figures were kept; 0 means {@code linesAccepted} and
 *        {@code peakActiveUsers} are null
 */
public record CopilotWeek(BigDecimal spendUsd, int activityDays, Long linesAccepted, Integer peakActiveUsers) {
}
