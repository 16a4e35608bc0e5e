package dev.tokenwise.slack.command;

import java.time.Clock;

import jakarta.inject.Singleton;

import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.CostPerPrMessages;
import dev.tokenwise.team.TeamSettings;

/**
 * {@code /tokenwise cost-per-pr [team] [period]}: the team's cost, merged PRs and cost per merged PR for the period
 * (default {@code this-week}), each with its change against the period before (for a period still running, the
 * same days of the one before), and the unattributed spend next to it (docs/contract.md §7). Figures come from
 * {@link ScorecardService#headline}, the scorecard's own code, so they equal the digest's and the JSON API's.
 */
@Singleton
public class CostPerPrCommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final ScorecardService scorecards;
    private final Clock clock;

    CostPerPrCommand(CommandArgs args, ScorecardService scorecards, Clock clock) {
        this.args = args;
        this.scorecards = scorecards;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cost-per-pr";
    }

    @Override
    public String usage() {
        return "cost-per-pr [team] [period]";
    }

    @Override
    public String description() {
        return "cost, merged PRs and cost per merged PR, with the change against the period before";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), "this-week");
        if (!p.ok()) {
            return p.problem();
        }
        TeamSettings team = p.team();
        NamedPeriod period = p.period();
        ScorecardService.Headline now = scorecards.headline(team, period.period());
        CostPerPrMessages.Report report;
        if (now.withheld()) {
            report = report(team, period, now, null, null);
            return CommandAnswer.of(CostPerPrMessages.answer(report), team.id(), null);
        }
        NamedPeriod.Compared compared = period.compared(clock);
        // Only its cost, merged PRs and cost per PR are compared with, never its unattributed spend.
        ScorecardService.Headline before = scorecards.headlineTotals(team, compared.period());
        report = report(team, period, now, before.withheld() ? null : before, " vs " + compared.label());
        return CommandAnswer.of(CostPerPrMessages.answer(report), team.id(), team.id() + " " + period.token());
    }

    private static CostPerPrMessages.Report report(TeamSettings team, NamedPeriod period,
            ScorecardService.Headline now, ScorecardService.Headline before, String vs) {
        return new CostPerPrMessages.Report(team.id(), team.timezone(), period.label(), period.period().from(),
                period.period().to(), now, before, vs);
    }
}
