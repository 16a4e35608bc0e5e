package dev.tokenwise.digest;

import java.time.Instant;
import java.util.Optional;

import dev.tokenwise.team.TeamSettings;

/**
 * The "budget burn and forecast" lines of the digest's cost part (docs/contract.md §9), implemented by the budget feature
 * ({@code budget.DigestBudgetBurn}); an interface so that the digest does not depend on the budget package.
 */
public interface BudgetBurn {

    /**
     * Slack mrkdwn lines (for example "• Spent $1,200.00 of $5,000.00 (24 %) · forecast $4,100.00") about the
     * team's month as of {@code asOf}, or empty when the team has no budget.
     */
    Optional<String> lines(TeamSettings team, Instant asOf);
}
