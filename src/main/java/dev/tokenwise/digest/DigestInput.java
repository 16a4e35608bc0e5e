package dev.tokenwise.digest;

import java.util.List;

import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.sources.CopilotWeek;

/**
 * What a digest is made of: the team's scorecard for the period, the period before's figures to compare with, and its
 * budget month to date when the team has a budget (null otherwise). The Slack layer words it.
 *
 * @param previous the period before as {@link ScorecardService#comparison} reads it: its cost, delivery and quality
 *        sections only
 * @param channel the team's channel, where the digest goes (may be null)
 * @param soFar true for the running week ({@code /tokenwise digest}), false for a complete week
 * @param minContributors the team's k (docs/contract.md §2.3), named when the AI impact comparison is withheld
 * @param copilot Copilot's spend and activity in the period (docs/contract.md §5.7), null when it had none
 * @param weeks the 12 weeks up to the period, oldest first, for the digest's chart; null for none (a preview)
 */
public record DigestInput(String team, String channel, Scorecard current, Scorecard previous, boolean soFar,
        BudgetStatus budget, int minContributors, CopilotWeek copilot, List<ScorecardService.WeekFigures> weeks) {

    /** A digest without Copilot figures and without a chart. */
    public DigestInput(String team, String channel, Scorecard current, Scorecard previous, boolean soFar,
            BudgetStatus budget, int minContributors) {
        this(team, channel, current, previous, soFar, budget, minContributors, null, null);
    }
}
