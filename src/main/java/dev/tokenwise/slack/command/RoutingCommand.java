package dev.tokenwise.slack.command;

import jakarta.inject.Singleton;

import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.RoutingMessages;
import dev.tokenwise.team.TeamSettings;

/**
 * {@code /tokenwise routing [team] [period]}: premium-tier spend of the routine workflows and the savings at the target
 * model's prices (docs/contract.md §7.8), default period {@code this-week}. The figures are the scorecard's own
 * ({@link ScorecardService#routing}), under its privacy rule.
 */
@Singleton
public class RoutingCommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final ScorecardService scorecards;

    RoutingCommand(CommandArgs args, ScorecardService scorecards) {
        this.args = args;
        this.scorecards = scorecards;
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public String usage() {
        return "routing [team] [period]";
    }

    @Override
    public String description() {
        return "premium-tier spend of routine workflows and what it would cost on the target model";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), "this-week");
        if (!p.ok()) {
            return p.problem();
        }
        TeamSettings team = p.team();
        NamedPeriod period = p.period();
        ScorecardService.RoutingAnswer a = scorecards.routing(team, period.period());
        RoutingMessages.Report report = new RoutingMessages.Report(team.id(), team.timezone(), period.label(),
                period.period().from(), period.period().to(), a.withheldReason(), a.routing());
        return CommandAnswer.of(RoutingMessages.answer(report), team.id(),
                a.withheldReason() != null ? null : team.id() + " " + period.token());
    }
}
