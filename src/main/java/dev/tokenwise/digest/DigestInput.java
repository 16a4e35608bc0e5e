package dev.tokenwise.digest;

import dev.tokenwise.scorecard.Scorecard;

/**
 * What a digest is made of: the team's scorecard for the period and for the period before (for week over week),
 * and the budget lines when a budget hook is wired (null otherwise).
 *
 * @param soFar true for the running week ({@code /tokenwise digest}), false for a complete week
 */
public record DigestInput(String team, Scorecard current, Scorecard previous, boolean soFar, String budgetMrkdwn) {
}
