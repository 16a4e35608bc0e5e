package dev.tokenwise.scorecard;

import java.util.List;
import java.util.Set;

import dev.tokenwise.team.TeamSettings;

/**
 * The flow and quality sides of the scorecard, from GitHub data (the JSON's {@code delivery} and {@code quality}
 * objects, docs/contract.md §7). Implemented by {@code flow.FlowFiguresService}; declared here, next to
 * {@link CostFigures}, so that the scorecard depends on no figure package.
 */
public interface FlowFigures {

    /**
     * Flow and quality of the period; {@code cost_per_merged_pr_usd} and {@code ai_assisted_share} are left for the
     * scorecard to fill.
     */
    Sections sections(TeamSettings team, Period period);

    /** The number of the team's PRs merged in the period: the scorecard's {@code merged_prs}, on its own. */
    int mergedPrs(TeamSettings team, Period period);

    /** Pseudonyms of the distinct authors of the team's PRs merged in the period. */
    Set<String> contributors(TeamSettings team, Period period);

    /**
     * {@link #mergedPrs(TeamSettings, Period)} and {@link #contributors(TeamSettings, Period)} of each of several
     * periods (ascending, back to back). Implementations read all periods at once (the digest's 12-week chart); this
     * default asks period by period.
     */
    default Merged merged(TeamSettings team, List<Period> periods) {
        return new Merged(periods.stream().mapToInt(p -> mergedPrs(team, p)).toArray(),
                periods.stream().map(p -> contributors(team, p)).toList());
    }

    /** Per period: merged PRs and the pseudonyms of their distinct authors. */
    record Merged(int[] mergedPrs, List<Set<String>> authors) {
    }

    record Sections(Scorecard.Delivery delivery, Scorecard.Quality quality) {
    }
}
