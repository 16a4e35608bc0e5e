package dev.tokenwise.slack.command;

import jakarta.inject.Singleton;

import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.ImpactMessages;
import dev.tokenwise.team.TeamSettings;

/**
 * {@code /tokenwise impact [team] [period]}: the PRs merged in the period (default {@code this-week}),
 * AI-assisted against the others, and the signals that found them (docs/contract.md §7.7). The figures are the
 * scorecard's own ({@link ScorecardService#impact}), under its privacy rules: a withheld period gives the reason
 * only, a withheld comparison the counts of signals and agents only.
 */
@Singleton
public class ImpactCommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final ScorecardService scorecards;

    ImpactCommand(CommandArgs args, ScorecardService scorecards) {
        this.args = args;
        this.scorecards = scorecards;
    }

    @Override
    public String name() {
        return "impact";
    }

    @Override
    public String usage() {
        return "impact [team] [period]";
    }

    @Override
    public String description() {
        return "AI-assisted against other merged PRs: cycle time, review wait, reverts, attributed cost, and the "
                + "signals that found them";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), "this-week");
        if (!p.ok()) {
            return p.problem();
        }
        TeamSettings team = p.team();
        NamedPeriod period = p.period();
        ScorecardService.ImpactAnswer card = scorecards.impact(team, period.period());
        ImpactMessages.Report report = new ImpactMessages.Report(team.id(), team.timezone(), period.label(),
                period.period().from(), period.period().to(), card.withheldReason(), card.mergedPrs(),
                card.aiImpact());
        // Note: the share button replays the absolute dates, so a later share shows the same question.
        return CommandAnswer.of(ImpactMessages.answer(report), team.id(),
                card.withheldReason() != null ? null : team.id() + " " + period.token());
    }
}
