package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static dev.tokenwise.common.Figures.hours;
import static dev.tokenwise.common.Figures.percent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;

import dev.tokenwise.common.Figures;
import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.scorecard.Scorecard;

/**
 * The answer to {@code /tokenwise dora [team] [period]} (docs/contract.md §7.2): the five DORA keys of the period, each
 * with its change against the period compared. Durations and counts change in per cent, rates are shown next to the
 * compared period's rate (a change of a percentage in per cent misleads).
 */
public final class DoraMessages {

    /** How a deployment is linked to the changes it ships, said under every answer with figures. */
    static final String DEFINITION = "A PR ships with the first production deployment naming its merge commit, else "
            + "the first one after its merge. Team-level figures only.";

    /**
     * The figures of one answer.
     *
     * @param periodLabel e.g. "last week"; {@code from}/{@code to} the period's days (to exclusive)
     * @param withheldReason set when the whole period is withheld (then nothing else is shown)
     * @param now the period's delivery section (null when withheld)
     * @param before the compared period's delivery section, null when it is withheld
     * @param beforeLabel e.g. "last week", "the same days of last week"
     */
    public record Report(String teamId, String timezone, String periodLabel, LocalDate from, LocalDate to,
            String withheldReason, Scorecard.Delivery now, Scorecard.Delivery before, String beforeLabel) {
    }

    private DoraMessages() {
    }

    public static SlackMessage answer(Report r) {
        String title = "DORA keys · " + r.teamId() + " · " + r.periodLabel();
        String when = Figures.range(r.from(), r.to()) + " (" + r.timezone() + ")";
        LayoutBlock head = header(h -> h.text(plainText(DigestFormat.truncate(title, DigestMessages.MAX_HEADER))));
        if (r.withheldReason() != null || r.now() == null) {
            String reason = r.withheldReason() == null ? CommandMessages.POLICY : r.withheldReason();
            return new SlackMessage(title + "\n" + reason, List.of(head,
                    section(s -> s.text(markdownText(":lock: " + reason))),
                    context(c -> c.elements(List.of(markdownText(when + " · " + CommandMessages.POLICY))))));
        }
        Scorecard.Delivery d = r.now();
        Scorecard.Delivery p = r.before();
        String vs = r.beforeLabel();
        long days = Math.max(1, ChronoUnit.DAYS.between(r.from(), r.to()));
        String perWeek = BigDecimal.valueOf(d.deployments() * 7d / days).setScale(1, RoundingMode.HALF_UP)
                .toPlainString();
        String frequency = d.deployments() + " · " + perWeek + " per week"
                + change((double) d.deployments(), p == null ? null : (double) p.deployments(), vs);
        String lead = "median " + hours(d.leadTimeForChangesHours().median()) + " · p90 "
                + hours(d.leadTimeForChangesHours().p90())
                + change(d.leadTimeForChangesHours().median(), p == null ? null : p.leadTimeForChangesHours().median(),
                        vs);
        String failure = percent(d.changeFailureRate()) + rate(p == null ? null : p.changeFailureRate(), vs);
        String recovery = "median " + hours(d.failedDeploymentRecoveryHours().median())
                + change(d.failedDeploymentRecoveryHours().median(),
                        p == null ? null : p.failedDeploymentRecoveryHours().median(), vs);
        String rework = (d.deploymentReworkRate() == null ? percent(null)
                : percent(d.deploymentReworkRate()) + " of deployments")
                + rate(p == null ? null : p.deploymentReworkRate(), vs);
        String issue = "median " + hours(d.issueToProductionHours().median())
                + change(d.issueToProductionHours().median(), p == null ? null : p.issueToProductionHours().median(),
                        vs);
        List<TextObject> fields = List.of(
                markdownText("*Deployment frequency*\n" + frequency),
                markdownText("*Lead time for changes*\n" + lead),
                markdownText("*Change failure rate*\n" + failure),
                markdownText("*Failed deployment recovery time*\n" + recovery),
                markdownText("*Deployment rework rate*\n" + rework),
                markdownText("*Issue to production*\n" + issue));
        String text = title + " (" + when + "): deployments " + frequency + "; lead time for changes " + lead
                + "; change failure rate " + failure + "; failed deployment recovery time " + recovery
                + "; deployment rework rate " + rework + "; issue to production " + issue + ".";
        return new SlackMessage(text, List.of(head, section(s -> s.fields(fields)),
                context(c -> c.elements(List.of(markdownText(when + " · " + DEFINITION))))));
    }

    /** " (+12 % vs last week)"; "" when either side is missing or the compared value is 0. */
    static String change(Double now, Double before, String beforeLabel) {
        String c = now == null || before == null ? null : Figures.change(now, before);
        return c == null ? "" : " (" + c + " vs " + beforeLabel + ")";
    }

    /** " (20 % last week)"; "" when the compared period has no such rate. */
    static String rate(Double before, String beforeLabel) {
        return before == null ? "" : " (" + percent(before) + " " + beforeLabel + ")";
    }
}
