package dev.tokenwise.scorecard;

import java.util.Set;

import dev.tokenwise.team.TeamSettings;

/** The delivery and quality sides of the scorecard, from GitHub data. */
public interface DeliveryFigures {

    /** Delivery and quality of the period; {@code cost_per_merged_pr_usd} is left for the scorecard to fill. */
    Sections sections(TeamSettings team, Period period);

    /** The number of the team's PRs merged in the period: the scorecard's {@code merged_prs}, on its own. */
    int mergedPrs(TeamSettings team, Period period);

    /** Pseudonyms of the distinct authors of the team's PRs merged in the period. */
    Set<String> contributors(TeamSettings team, Period period);

    record Sections(Scorecard.Delivery delivery, Scorecard.Quality quality) {
    }
}
