package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;

import dev.tokenwise.common.Figures;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService.Headline;

/**
 * The answer to {@code /tokenwise cost-per-pr [team] [period]} (docs/contract.md §7): cost, merged PRs, cost per
 * merged PR and unattributed spend, each with its change against the period compared.
 */
public final class CostPerPrMessages {

    /**
     * The figures of one answer.
     *
     * @param periodLabel e.g. "this week"; {@code from}/{@code to} the period's days (to exclusive)
     * @param before the compared period's figures, null when they are withheld
     * @param vs e.g. " vs the same days of last week"
     */
    public record Report(String teamId, String timezone, String periodLabel, LocalDate from, LocalDate to,
            Headline now, Headline before, String vs) {
    }

    private CostPerPrMessages() {
    }

    public static SlackMessage answer(Report r) {
        String title = "Cost per merged PR · " + r.teamId() + " · " + r.periodLabel();
        String when = Figures.range(r.from(), r.to()) + " (" + r.timezone() + ")";
        Headline now = r.now();
        if (now.withheld()) {
            return new SlackMessage(title + "\n" + now.withheldReason(), List.of(
                    header(h -> h.text(plainText(title))),
                    section(s -> s.text(markdownText(":lock: " + now.withheldReason()))),
                    context(c -> c.elements(List.of(markdownText(when + " · " + CommandMessages.POLICY))))));
        }
        Headline before = r.before();
        boolean comparable = before != null;
        Scorecard.Cost cost = now.cost();
        String costLine = Figures.usd(cost.totalUsd())
                + change(cost.totalUsd(), comparable ? before.cost().totalUsd() : null, r.vs());
        String prLine = now.mergedPrs() + change(BigDecimal.valueOf(now.mergedPrs()),
                comparable ? BigDecimal.valueOf(before.mergedPrs()) : null, r.vs());
        String perPrLine = now.costPerMergedPrUsd() == null ? "n/a (no PR merged)"
                : Figures.usd(now.costPerMergedPrUsd()) + change(now.costPerMergedPrUsd(),
                        comparable ? before.costPerMergedPrUsd() : null, r.vs());
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
        return new SlackMessage(text, blocks);
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
