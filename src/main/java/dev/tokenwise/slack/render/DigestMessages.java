package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static dev.tokenwise.common.Figures.NA;
import static dev.tokenwise.common.Figures.change;
import static dev.tokenwise.common.Figures.hours;
import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;
import static dev.tokenwise.digest.DigestFormat.count;
import static dev.tokenwise.digest.DigestFormat.tokens;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.common.Money;
import dev.tokenwise.digest.AttentionRules;
import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.sources.CopilotWeek;

/**
 * The weekly digest (docs/contract.md §9): a team's scorecards as Slack Block Kit plus a text fallback. Pure: the
 * same input always gives the same message, so tests compare exact strings.
 * <p>
 * Sections: headline, flow, quality, AI impact, cost (with the budget hook), sustainability, needs attention.
 * Sections whose figures are not available are left out; a period without any activity is one line, and a withheld
 * scorecard gives only the privacy explanation. Every figure is a team figure; nothing names or counts a person.
 */
public final class DigestMessages {

    /** Slack: at most 50 blocks per message. */
    static final int MAX_BLOCKS = 50;
    /** Slack: section text 1..3000 characters. */
    static final int MAX_SECTION = 3000;
    /** Slack: header text (plain_text) at most 150 characters. */
    static final int MAX_HEADER = 150;
    /** The fallback text; Slack truncates at 40,000, markdown at 12,000: stay well below. */
    static final int MAX_TEXT = 12_000;

    private DigestMessages() {
    }

    /** The digest of the input, with its budget lines when the team has a budget. */
    public static SlackMessage digest(DigestInput in) {
        return compose(in, in.budget() == null ? null : BudgetMessages.digestLines(in.budget()));
    }

    /** The digest with the given budget lines (mrkdwn, null for none). */
    static SlackMessage compose(DigestInput in, String budgetMrkdwn) {
        Scorecard cur = in.current();
        String range = DigestFormat.days(cur.from(), cur.to());
        String period = in.soFar() ? "this week so far (" + range + ")" : "week of " + range;
        if (cur.withheld()) {
            return oneLine("*" + in.team() + "* · " + period + ": figures withheld. " + cur.withheldReason());
        }
        if (!hasActivity(cur)) {
            return oneLine("*" + in.team() + "* · " + period + ": no AI usage or delivery activity recorded"
                    + (in.soFar() ? " yet." : "."));
        }
        Scorecard prev = in.previous() == null || in.previous().withheld() ? null : in.previous();
        String before = in.soFar() ? "the same days last week" : "last week";

        List<LayoutBlock> blocks = new ArrayList<>();
        List<String> text = new ArrayList<>();
        String title = (in.soFar() ? "Digest so far · " : "Weekly digest · ") + in.team() + " · " + range;
        blocks.add(header(h -> h.text(plainText(DigestFormat.truncate(title, MAX_HEADER)))));
        text.add("*" + title + "*");

        addSection(blocks, text, headline(cur, prev, before));
        blocks.add(divider());
        addSection(blocks, text, flow(cur, prev, before));
        addSection(blocks, text, quality(cur, prev, before));
        addSection(blocks, text, ImpactMessages.digestSection(cur.aiImpact(),
                cur.delivery() == null ? 0 : cur.delivery().mergedPrs(), in.minContributors()));
        addSection(blocks, text, cost(cur, in.copilot()));
        if (budgetMrkdwn != null && !budgetMrkdwn.isBlank()) {
            addSection(blocks, text, "*Budget*\n" + budgetMrkdwn);
        }
        addSection(blocks, text, sustainability(cur));
        blocks.add(divider());
        List<String> attention = AttentionMessages.items(AttentionRules.evaluate(cur, prev));
        addSection(blocks, text, "*Needs attention*\n" + (attention.isEmpty()
                ? "Nothing stands out " + (in.soFar() ? "so far." : "this week.")
                : bullets(attention)));
        String footer = "Team-level figures only: Tokenwise never shows a figure per person. Days in "
                + cur.timezone() + ".";
        List<ContextBlockElement> footerElements = List.of(markdownText(footer));
        blocks.add(context(c -> c.elements(footerElements)));
        text.add("_" + footer + "_");
        // Note: by construction a digest has at most 12 blocks; the guard keeps the Slack limit a hard guarantee.
        List<LayoutBlock> limited = blocks.size() > MAX_BLOCKS ? blocks.subList(0, MAX_BLOCKS) : blocks;
        return new SlackMessage(DigestFormat.truncate(String.join("\n\n", text), MAX_TEXT), limited);
    }

    /** True when the period has any cost, tokens, delivery and quality event or pulse answers at all. */
    static boolean hasActivity(Scorecard s) {
        if (s.pulse() != null && (s.pulse().responses() == null || s.pulse().responses() > 0)) {
            return true;
        }
        Scorecard.Cost c = s.cost();
        if (c != null && (c.totalUsd().signum() > 0 || c.inputTokens() + c.cachedInputTokens() + c.cacheWriteTokens()
                + c.outputTokens() > 0)) {
            return true;
        }
        Scorecard.Delivery d = s.delivery();
        if (d != null && (d.mergedPrs() > 0 || d.deployments() > 0 || d.rollbacks() > 0 || d.changeFailureRate() != null
                || d.rerunRatio() != null || d.reviewWaitHours().median() != null)) {
            return true;
        }
        Scorecard.Quality q = s.quality();
        return q != null && (q.escapedDefects() > 0 || q.incidents() > 0);
    }

    private static String headline(Scorecard cur, Scorecard prev, String before) {
        List<String> lines = new ArrayList<>();
        Scorecard.Cost c = cur.cost();
        Scorecard.Cost pc = prev == null ? null : prev.cost();
        if (c != null) {
            lines.add("Cost: *" + usd(c.totalUsd()) + "*" + moneyVs(c.totalUsd(), pc == null ? null : pc.totalUsd(),
                    before));
        }
        Scorecard.Delivery d = cur.delivery();
        Scorecard.Delivery pd = prev == null ? null : prev.delivery();
        if (d != null) {
            lines.add("Merged PRs: *" + count(d.mergedPrs()) + "*" + (pd == null ? ""
                    : " (" + count(pd.mergedPrs()) + " " + before + ")"));
            String perPr = d.costPerMergedPrUsd() == null ? NA + " (no PR merged)"
                    : "*" + usd(d.costPerMergedPrUsd()) + "*" + moneyVs(d.costPerMergedPrUsd(),
                            pd == null ? null : pd.costPerMergedPrUsd(), before);
            String unattributed = c != null && c.unattributedUsd() != null && c.unattributedUsd().signum() > 0
                    ? " · unattributed spend " + usd(c.unattributedUsd())
                    : "";
            lines.add("Cost per merged PR: " + perPr + unattributed);
        }
        return "*Headline*\n" + bullets(lines);
    }

    /** " (+12 % vs last week)", " ($0.00 last week)" when there is no base, "" without a previous figure. */
    private static String moneyVs(BigDecimal now, BigDecimal previous, String before) {
        if (previous == null) {
            return "";
        }
        String pct = change(now.doubleValue(), previous.doubleValue());
        if (pct == null) {
            return " (" + usd(previous) + " " + before + ")";
        }
        return " (" + ("0 %".equals(pct) ? "no change" : pct) + " vs " + before + ")";
    }

    private static String flow(Scorecard cur, Scorecard prev, String before) {
        Scorecard.Delivery d = cur.delivery();
        if (d == null) {
            return null;
        }
        Scorecard.Delivery pd = prev == null ? null : prev.delivery();
        List<String> lines = new ArrayList<>();
        lines.add("PR cycle time: median " + hours(d.prCycleTimeHours().median()) + " · p90 "
                + hours(d.prCycleTimeHours().p90()));
        Double prevWait = pd == null ? null : pd.reviewWaitHours().median();
        lines.add("Review wait: median " + hours(d.reviewWaitHours().median())
                + (prevWait == null ? "" : " (" + hours(prevWait) + " " + before + ")"));
        lines.add("Deployments to production: " + count(d.deployments())
                + (pd == null ? "" : " (" + count(pd.deployments()) + " " + before + ")"));
        lines.addAll(DoraDigestLines.lines(d, pd, before));
        lines.add("AI-assisted: "
                + (d.aiAssistedShare() == null ? NA : percent(d.aiAssistedShare()) + " of merged PRs"));
        return "*Flow*\n" + bullets(lines);
    }

    private static String quality(Scorecard cur, Scorecard prev, String before) {
        Scorecard.Delivery d = cur.delivery();
        Scorecard.Quality q = cur.quality();
        if (d == null && q == null) {
            return null;
        }
        Scorecard.Delivery pd = prev == null ? null : prev.delivery();
        Scorecard.Quality pq = prev == null ? null : prev.quality();
        List<String> lines = new ArrayList<>();
        if (d != null) {
            lines.add("Change failure rate: " + percent(d.changeFailureRate())
                    + (pd == null || pd.changeFailureRate() == null ? ""
                            : " (" + percent(pd.changeFailureRate()) + " " + before + ")"));
            lines.add("Rollbacks: " + count(d.rollbacks()));
        }
        if (q != null) {
            lines.add("Escaped defects: " + count(q.escapedDefects())
                    + (pq == null ? "" : " (" + count(pq.escapedDefects()) + " " + before + ")"));
            lines.add("Incidents: " + count(q.incidents()) + (q.incidents() == 0 ? ""
                    : " · time to restore: median " + hours(q.timeToRestoreHours().median())));
        }
        return "*Quality*\n" + bullets(lines);
    }

    private static String cost(Scorecard cur, CopilotWeek copilot) {
        Scorecard.Cost c = cur.cost();
        if (c == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        lines.add("Tokens: " + tokens(c.inputTokens()) + " input · " + tokens(c.cachedInputTokens())
                + " cached input · " + tokens(c.cacheWriteTokens()) + " cache write · " + tokens(c.outputTokens())
                + " output"
                + (c.reasoningTokens() > 0 ? " (incl. " + tokens(c.reasoningTokens()) + " reasoning)" : ""));
        lines.add("Cache hit ratio: " + percent(c.cacheHitRatio()));
        if (c.byWorkflow() != null) {
            // In cents, the workflows still add up to the total the headline shows.
            List<String> spend = Money.parts(c.byWorkflow(), 2).entrySet().stream()
                    .filter(e -> e.getValue() != null && e.getValue().signum() > 0)
                    .sorted(Map.Entry.<String, BigDecimal> comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> e.getKey() + " " + usd(e.getValue())).toList();
            if (!spend.isEmpty()) {
                lines.add("By workflow: " + String.join(" · ", spend));
            }
        }
        if (c.unattributedUsd() != null) {
            String share = c.totalUsd().signum() > 0
                    ? " (" + percent(c.unattributedUsd().doubleValue() / c.totalUsd().doubleValue()) + ")"
                    : "";
            lines.add("Unattributed (linked to no PR): " + usd(c.unattributedUsd()) + share);
        }
        if (c.unpricedModels() != null && !c.unpricedModels().isEmpty()) {
            lines.add("Unpriced models (counted as $0): " + AttentionMessages.models(c.unpricedModels()));
        }
        if (copilot != null) {
            lines.add(CopilotLine.of(copilot, c.totalUsd()));
        }
        return "*Cost*\n" + bullets(lines);
    }

    private static String sustainability(Scorecard cur) {
        Scorecard.Delivery d = cur.delivery();
        Scorecard.Quality q = cur.quality();
        String agents = AgentErrorMessages.line(cur.agentErrors());
        if (d == null && q == null && agents == null && cur.pulse() == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        if (q != null) {
            lines.add("Incidents outside working hours: " + count(q.afterHoursIncidents())
                    + (q.incidents() > 0 ? " of " + count(q.incidents()) : ""));
        }
        if (d != null) {
            lines.add("Workflow reruns: "
                    + (d.rerunRatio() == null ? NA : percent(d.rerunRatio()) + " of completed runs"));
        }
        if (agents != null) {
            lines.add(agents);
        }
        if (cur.pulse() != null) {
            lines.add(PulseMessages.digestLine(cur.pulse()));
        }
        return "*Sustainability*\n" + bullets(lines);
    }

    private static String bullets(List<String> lines) {
        return "• " + String.join("\n• ", lines);
    }

    private static void addSection(List<LayoutBlock> blocks, List<String> text, String mrkdwn) {
        if (mrkdwn == null) {
            return;
        }
        String body = DigestFormat.truncate(mrkdwn, MAX_SECTION);
        blocks.add(markdownSection(body));
        text.add(body);
    }

    private static SlackMessage oneLine(String mrkdwn) {
        String body = DigestFormat.truncate(mrkdwn, MAX_SECTION);
        return new SlackMessage(body, List.of(markdownSection(body)));
    }

    private static LayoutBlock markdownSection(String mrkdwn) {
        return section(s -> s.text(markdownText(mrkdwn)));
    }
}
