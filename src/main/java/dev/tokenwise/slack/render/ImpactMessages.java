package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static dev.tokenwise.common.Figures.hours;
import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.common.Figures;
import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.scorecard.Scorecard;

/**
 * AI impact (docs/contract.md §7.7) in words: the answer to {@code /tokenwise impact [team] [period]} and the
 * digest's "AI impact" line. AI-assisted merged PRs against the others, team figures only; when the comparison is
 * withheld only the counts of the signals and agents that found AI-assisted PRs are shown.
 */
public final class ImpactMessages {

    /** What AI-assisted means, said under every answer that shows figures. */
    static final String DEFINITION = "AI-assisted = a merged PR that any signal found (label, usage, trailer, "
            + "body marker, bot author). Team-level figures only.";

    /**
     * The figures of one answer.
     *
     * @param periodLabel e.g. "last week"; {@code from}/{@code to} the period's days (to exclusive)
     * @param withheldReason set when the whole period is withheld (then nothing else is shown)
     * @param mergedPrs the PRs merged in the period (0: nothing to compare)
     * @param impact the scorecard's {@code ai_impact} (null when withheld)
     */
    public record Report(String teamId, String timezone, String periodLabel, LocalDate from, LocalDate to,
            String withheldReason, int mergedPrs, Scorecard.AiImpact impact) {
    }

    private ImpactMessages() {
    }

    public static SlackMessage answer(Report r) {
        String title = "AI impact · " + r.teamId() + " · " + r.periodLabel();
        String when = Figures.range(r.from(), r.to()) + " (" + r.timezone() + ")";
        LayoutBlock head = header(h -> h.text(plainText(DigestFormat.truncate(title, DigestMessages.MAX_HEADER))));
        if (r.withheldReason() != null) {
            return new SlackMessage(title + "\n" + r.withheldReason(), List.of(head,
                    markdown(":lock: " + r.withheldReason()),
                    context(c -> c.elements(List.of(markdownText(when + " · " + CommandMessages.POLICY))))));
        }
        LayoutBlock footer = context(c -> c.elements(List.of(markdownText(when + " · " + DEFINITION))));
        Scorecard.AiImpact impact = r.impact();
        if (r.mergedPrs() == 0 || impact == null) {
            String none = "No PR was merged in this period, so there is nothing to compare yet.";
            return new SlackMessage(title + " (" + when + "): " + none, List.of(head, markdown(none), footer));
        }
        String found = "*Found by*: " + signals(impact.bySignal(), true) + "\n*Agents named*: "
                + agents(impact.byAgent());
        String foundText = "found by " + signals(impact.bySignal(), true) + "; agents named "
                + agents(impact.byAgent()) + ".";
        if (impact.withheldReason() != null) {
            String withheld = "No comparison this time. " + impact.withheldReason();
            return new SlackMessage(title + " (" + when + "): " + withheld + " AI-assisted PRs " + foundText,
                    List.of(head, markdown(":lock: " + withheld), markdown(found), footer));
        }
        Scorecard.AiCohort ai = impact.aiAssisted();
        Scorecard.Cohort other = impact.other();
        int total = ai.mergedPrs() + other.mergedPrs();
        String cycle = hours(ai.cycleTimeHours().median()) + " AI-assisted vs "
                + hours(other.cycleTimeHours().median()) + " other";
        String wait = hours(ai.reviewWaitHours().median()) + " vs " + hours(other.reviewWaitHours().median());
        String reverted = reverted(ai.revertedPrs(), ai.mergedPrs()) + " vs "
                + reverted(other.revertedPrs(), other.mergedPrs());
        String cost = usd(ai.attributedCostUsd()) + " · " + usd(ai.costPerPrUsd()) + " per AI-assisted PR";
        String comparison = "*AI-assisted: " + ai.mergedPrs() + " of " + total + " merged PRs* (other: "
                + other.mergedPrs() + ")\n• Cycle time, median: " + cycle + "\n• Review wait, median: " + wait
                + "\n• Reverted: " + reverted + "\n• Attributed cost: " + cost;
        String text = title + " (" + when + "): AI-assisted " + ai.mergedPrs() + " of " + total + " merged PRs, other "
                + other.mergedPrs() + "; cycle time median " + cycle + "; review wait median " + wait + "; reverted "
                + reverted + "; attributed cost " + cost + "; " + foundText;
        return new SlackMessage(text, List.of(head, markdown(comparison), markdown(found), footer));
    }

    /**
     * The digest's line (mrkdwn), or null when there is nothing to say (no figures, no PR merged). A withheld
     * comparison is one line with the signals and the reason in short, {@code minContributors} being the team's k.
     */
    public static String digestSection(Scorecard.AiImpact impact, int mergedPrs, int minContributors) {
        if (impact == null || mergedPrs == 0) {
            return null;
        }
        String line;
        if (impact.withheldReason() != null || impact.aiAssisted() == null || impact.other() == null) {
            line = "AI signals: " + signals(impact.bySignal(), false) + " · comparison withheld (fewer than "
                    + minContributors + " people on a side)";
        } else {
            Scorecard.AiCohort ai = impact.aiAssisted();
            Scorecard.Cohort other = impact.other();
            String by = signals(impact.bySignal(), false);
            line = "AI-assisted: " + ai.mergedPrs() + " of " + (ai.mergedPrs() + other.mergedPrs()) + " merged PRs"
                    + ("none".equals(by) ? "" : " (by " + by + ")")
                    + " · cycle time " + hours(ai.cycleTimeHours().median()) + " vs "
                    + hours(other.cycleTimeHours().median())
                    + " · review wait " + hours(ai.reviewWaitHours().median()) + " vs "
                    + hours(other.reviewWaitHours().median())
                    + " · reverted " + ai.revertedPrs() + " vs " + other.revertedPrs()
                    + " · attributed " + usd(ai.attributedCostUsd())
                    + (ai.costPerPrUsd() == null ? "" : " (" + usd(ai.costPerPrUsd()) + " per PR)");
        }
        return "*AI impact*\n• " + line;
    }

    /** "1 of 4 (25 %)"; the share is left out when nothing merged on that side. */
    private static String reverted(int reverted, int merged) {
        return reverted + " of " + merged + (merged == 0 ? "" : " (" + percent((double) reverted / merged) + ")");
    }

    /** "label 4, usage 2, trailer 0, …" ({@code all}) or only the signals that found a PR; "none" when none did. */
    private static String signals(Map<String, Integer> bySignal, boolean all) {
        List<String> parts = new ArrayList<>();
        if (bySignal != null) {
            bySignal.forEach((name, n) -> {
                if (all || n != null && n > 0) {
                    parts.add(name.replace('_', ' ') + " " + (n == null ? 0 : n));
                }
            });
        }
        return parts.isEmpty() ? "none" : String.join(all ? " · " : ", ", parts);
    }

    /** "claude 3 · copilot 1" (agent names are the fixed short names of §7.7), "none" when no signal named one. */
    private static String agents(Map<String, Integer> byAgent) {
        if (byAgent == null || byAgent.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byAgent.forEach((name, n) -> parts.add(DigestFormat.escape(name) + " " + n));
        return String.join(" · ", parts);
    }

    private static LayoutBlock markdown(String mrkdwn) {
        return section(s -> s.text(markdownText(mrkdwn)));
    }
}
