package dev.tokenwise.slack.command;

import java.time.Clock;

import jakarta.inject.Singleton;

import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.DoraMessages;
import dev.tokenwise.team.TeamSettings;

/**
 * {@code /tokenwise dora [team] [period]}: the five DORA keys of the period (default {@code this-week}), each with its
 * change against the period before (for a period still running, the same days of the one before), docs/contract.md
 * §7.2. The figures are the scorecard's own ({@link ScorecardService#dora}), under its privacy rule: a withheld period
 * gives the reason only.
 */
@Singleton
public class DoraCommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final ScorecardService scorecards;
    private final Clock clock;

    DoraCommand(CommandArgs args, ScorecardService scorecards, Clock clock) {
        this.args = args;
        this.scorecards = scorecards;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dora";
    }

    @Override
    public String usage() {
        return "dora [team] [period]";
    }

    @Override
    public String description() {
        return "the five DORA keys: deployments, lead time for changes, change failure rate, recovery time, rework "
                + "rate, and issue to production, with the change against the period before";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), "this-week");
        if (!p.ok()) {
            return p.problem();
        }
        TeamSettings team = p.team();
        NamedPeriod period = p.period();
        ScorecardService.DoraAnswer now = scorecards.dora(team, period.period());
        if (now.withheldReason() != null) {
            return CommandAnswer.of(DoraMessages.answer(report(team, period, now, null, null)), team.id(), null);
        }
        NamedPeriod.Compared compared = period.compared(clock);
        ScorecardService.DoraAnswer before = scorecards.dora(team, compared.period());
        // Note: the share button replays the absolute dates, so a later share shows the same question.
        return CommandAnswer.of(DoraMessages.answer(report(team, period, now, before, compared.label())), team.id(),
                team.id() + " " + period.token());
    }

    private static DoraMessages.Report report(TeamSettings team, NamedPeriod period, ScorecardService.DoraAnswer now,
            ScorecardService.DoraAnswer before, String label) {
        return new DoraMessages.Report(team.id(), team.timezone(), period.label(), period.period().from(),
                period.period().to(), now.withheldReason(), now.delivery(), before == null ? null : before.delivery(),
                label);
    }
}
