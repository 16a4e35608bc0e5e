package dev.tokenwise.slack.command;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;

import dev.tokenwise.common.Figures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.team.TeamSettings;

/**
 * {@code /tokenwise cost-per-pr [team] [period]}: the team's cost, merged PRs and cost per merged PR for the period
 * (default {@code this-week}), each with its change against the period before (for a period still running, the
 * same days of the one before), and the unattributed spend next to
 * it (docs/contract.md §7). Figures come from {@link ScorecardService#headline}, the scorecard's own code, so they equal the
 * digest's and the JSON API's.
 */
@ApplicationScoped
public class CostPerPrSubcommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final ScorecardService scorecards;
    private final Clock clock;

    public CostPerPrSubcommand(CommandArgs args, ScorecardService scorecards, Clock clock) {
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
        String title = "Cost per merged PR · " + team.id() + " · " + period.label();
        String when = Figures.range(period.period().from(), period.period().to()) + " (" + team.timezone() + ")";
        ScorecardService.Headline now = scorecards.headline(team, period.period());
        if (now.withheld()) {
            String text = title + "\n" + now.withheldReason();
            return new CommandAnswer(text, List.of(
                    header(h -> h.text(plainText(title))),
                    section(s -> s.text(markdownText(":lock: " + now.withheldReason()))),
                    context(c -> c.elements(List.of(markdownText(when + " · " + TokenwiseCommandListener.POLICY))))),
                    team.id(), null);
        }
        // A period still running (this week, this month) is compared with the same days of the one before: Monday
        // to Thursday against Monday to Thursday, not against a whole week that had three more days to spend in.
        Period compared = period.period().previous();
        String vs = " vs " + period.previousLabel();
        LocalDate today = LocalDate.now(clock.withZone(team.zone()));
        if (period.period().contains(today.atStartOfDay(team.zone()).toInstant())) {
            long days = ChronoUnit.DAYS.between(period.period().from(), today) + 1;
            LocalDate end = compared.from().plusDays(days);
            compared = new Period(compared.from(), end.isAfter(compared.to()) ? compared.to() : end, team.zone());
            vs = " vs the same days of " + period.previousLabel();
        }
        ScorecardService.Headline before = scorecards.headline(team, compared);
        boolean comparable = !before.withheld();

        Scorecard.Cost cost = now.cost();
        String costLine = Figures.usd(cost.totalUsd())
                + change(cost.totalUsd(), comparable ? before.cost().totalUsd() : null, vs);
        String prLine = now.mergedPrs() + change(BigDecimal.valueOf(now.mergedPrs()),
                comparable ? BigDecimal.valueOf(before.mergedPrs()) : null, vs);
        String perPrLine = now.costPerMergedPrUsd() == null ? "n/a (no PR merged)"
                : Figures.usd(now.costPerMergedPrUsd()) + change(now.costPerMergedPrUsd(),
                        comparable ? before.costPerMergedPrUsd() : null, vs);
        String unattributedLine = Figures.usd(cost.unattributedUsd()) + share(cost);

        List<TextObject> fields = List.of(
                markdownText("*Cost*\n" + costLine),
                markdownText("*Merged PRs*\n" + prLine),
                markdownText("*Cost per merged PR*\n" + perPrLine),
                markdownText("*Unattributed spend*\n" + unattributedLine));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title))));
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(context(c -> c.elements(List.of(markdownText(when
                + " · Unattributed = spend linked to no pull request. Team-level figures only.")))));
        String text = title + " (" + when + "): cost " + costLine + "; merged PRs " + prLine
                + "; cost per merged PR " + perPrLine + "; unattributed " + unattributedLine + ".";
        return new CommandAnswer(text, blocks, team.id(), null).shareable(team.id(), team.id() + " " + period.token());
    }

    private static String change(BigDecimal now, BigDecimal before, String vs) {
        String c = Figures.change(now, before);
        return c == null ? "" : " (" + c + vs + ")";
    }

    private static String share(Scorecard.Cost cost) {
        if (cost.totalUsd() == null || cost.totalUsd().signum() == 0 || cost.unattributedUsd() == null) {
            return "";
        }
        return " (" + Figures.percent(cost.unattributedUsd().doubleValue() / cost.totalUsd().doubleValue())
                + " of the cost)";
    }
}
