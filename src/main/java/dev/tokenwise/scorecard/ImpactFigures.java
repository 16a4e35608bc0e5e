package dev.tokenwise.scorecard;

import java.math.BigDecimal;

import dev.tokenwise.team.TeamSettings;

/**
 * AI attribution and AI impact (docs/contract.md §7.7), implemented by {@code impact.AiImpactService}; declared here,
 * next to {@link CostFigures}, so that the scorecard depends on no figure package.
 */
public interface ImpactFigures {

    /** The AI-assisted PRs merged in the period against the others, withheld as the contract says. */
    Impact aiImpact(TeamSettings team, Period period);

    /**
     * The scorecard's {@code ai_impact}, and how many of the period's merged PRs are AI-assisted (by any signal): the
     * numerator of the delivery section's {@code ai_assisted_share}, shown even when the comparison is withheld.
     */
    record Impact(Scorecard.AiImpact json, int aiAssistedPrs) {
    }

    /**
     * The part of the team's cost in the period that reached a PR only through its session: events that named no PR
     * themselves, of sessions that produced a commit of some PR. The cost section's unattributed part excludes it.
     */
    BigDecimal attributedThroughSessions(TeamSettings team, Period period);
}
