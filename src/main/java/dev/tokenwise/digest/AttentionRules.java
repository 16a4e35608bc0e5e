package dev.tokenwise.digest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.tokenwise.scorecard.Scorecard;

/**
 * The "needs attention" list of a digest: a few plain rules over this period's and the previous period's team
 * figures. Pure (no I/O), so each rule is unit-tested; the thresholds are deliberately coarse so that the list
 * stays short and only names changes a team would act on. Nothing here ever looks at a person.
 */
public final class AttentionRules {

    /** At most this many items: a digest that flags everything flags nothing. */
    static final int MAX_ITEMS = 5;
    /** Cost per merged PR must rise by at least this fraction to be flagged. */
    static final double COST_PER_PR_RISE = 0.20;
    /** Review wait: flagged when the median rises by this fraction and is at least {@link #REVIEW_WAIT_FLOOR_H}. */
    static final double REVIEW_WAIT_RISE = 0.25;
    static final double REVIEW_WAIT_FLOOR_H = 1.0;
    /** Change failure rate: flagged when up by at least 5 percentage points. */
    static final double CFR_RISE = 0.05;
    /** Unattributed spend: flagged at half the cost or more, when the cost is at least this many USD. */
    static final double UNATTRIBUTED_SHARE = 0.5;
    static final BigDecimal MATERIAL_COST_USD = BigDecimal.TEN;
    /**
     * AI-assisted PRs' median review wait: flagged when longer than the others' by at least this much, so that the
     * line never reads "2.0 h vs 2.0 h" (hours are shown to one decimal).
     */
    static final double AI_REVIEW_WAIT_MARGIN_H = 0.1;
    /** Workflow reruns: flagged at this share or more, when rising. */
    static final double RERUN_RATIO = 0.20;

    /** Tolerance for comparing ratios computed in floating point (0.15 vs 0.1 + 0.05). */
    private static final double EPS = 1e-9;

    private AttentionRules() {
    }

    /** The items, most important first; empty when nothing stands out. {@code previous} may be null. */
    public static List<Attention> evaluate(Scorecard current, Scorecard previous) {
        List<Attention> items = new ArrayList<>();
        if (current == null || current.withheld()) {
            return items;
        }
        Scorecard prev = previous == null || previous.withheld() ? null : previous;
        Scorecard.Cost cost = current.cost();
        Scorecard.Delivery d = current.delivery();
        Scorecard.Quality q = current.quality();
        Scorecard.Delivery pd = prev == null ? null : prev.delivery();
        Scorecard.Quality pq = prev == null ? null : prev.quality();

        if (cost != null && d != null && d.mergedPrs() == 0 && cost.totalUsd().compareTo(MATERIAL_COST_USD) >= 0) {
            items.add(new Attention.NoPrMerged(cost.totalUsd()));
        }
        if (d != null && pd != null && d.costPerMergedPrUsd() != null && pd.costPerMergedPrUsd() != null
                && pd.costPerMergedPrUsd().signum() > 0 && d.mergedPrs() <= pd.mergedPrs()) {
            double now = d.costPerMergedPrUsd().doubleValue();
            double before = pd.costPerMergedPrUsd().doubleValue();
            if (now >= before * (1 + COST_PER_PR_RISE) - EPS) {
                items.add(new Attention.CostPerPrUp(pd.costPerMergedPrUsd(), d.costPerMergedPrUsd(), pd.mergedPrs(),
                        d.mergedPrs()));
            }
        }
        Double wait = d == null ? null : d.reviewWaitHours().median();
        Double prevWait = pd == null ? null : pd.reviewWaitHours().median();
        if (wait != null && prevWait != null && wait >= REVIEW_WAIT_FLOOR_H
                && wait >= prevWait * (1 + REVIEW_WAIT_RISE) - EPS
                && wait > prevWait) {
            items.add(new Attention.ReviewWaitRising(wait, prevWait));
        }
        if (q != null && pq != null && q.escapedDefects() > pq.escapedDefects()) {
            items.add(new Attention.EscapedDefectsUp(q.escapedDefects(), pq.escapedDefects()));
        }
        Double cfr = d == null ? null : d.changeFailureRate();
        if (cfr != null && pd != null) {
            double before = pd.changeFailureRate() == null ? 0 : pd.changeFailureRate();
            if (cfr >= before + CFR_RISE - EPS) {
                items.add(new Attention.ChangeFailureRateUp(cfr, pd.changeFailureRate()));
            }
        }
        aiImpact(current.aiImpact(), items);
        if (cost != null && cost.totalUsd().compareTo(MATERIAL_COST_USD) >= 0 && cost.unattributedUsd() != null) {
            double share = cost.unattributedUsd().doubleValue() / cost.totalUsd().doubleValue();
            if (share >= UNATTRIBUTED_SHARE - EPS) {
                items.add(new Attention.UnattributedSpend(share, cost.unattributedUsd()));
            }
        }
        Double rerun = d == null ? null : d.rerunRatio();
        Double prevRerun = pd == null ? null : pd.rerunRatio();
        if (rerun != null && rerun >= RERUN_RATIO - EPS && (prevRerun == null || rerun > prevRerun)) {
            items.add(new Attention.RerunsHigh(rerun, prevRerun));
        }
        RoutingRule.evaluate(current.routing()).ifPresent(items::add);
        if (cost != null && cost.unpricedModels() != null && !cost.unpricedModels().isEmpty()) {
            items.add(new Attention.UnpricedModels(List.copyOf(cost.unpricedModels())));
        }
        return items.size() > MAX_ITEMS ? List.copyOf(items.subList(0, MAX_ITEMS)) : List.copyOf(items);
    }

    /**
     * docs/contract.md §7.7: AI-assisted PRs reverted more often, or waiting longer for review, than the others. Only
     * for a comparison that is shown: a withheld one would tell who uses AI.
     */
    private static void aiImpact(Scorecard.AiImpact impact, List<Attention> items) {
        if (impact == null || impact.withheldReason() != null || impact.aiAssisted() == null
                || impact.other() == null) {
            return;
        }
        Scorecard.AiCohort ai = impact.aiAssisted();
        Scorecard.Cohort other = impact.other();
        if (ai.mergedPrs() > 0 && other.mergedPrs() > 0) {
            double aiRate = (double) ai.revertedPrs() / ai.mergedPrs();
            double otherRate = (double) other.revertedPrs() / other.mergedPrs();
            if (aiRate > otherRate + EPS) {
                items.add(new Attention.AiRevertedMore(aiRate, otherRate));
            }
        }
        Double aiWait = ai.reviewWaitHours() == null ? null : ai.reviewWaitHours().median();
        Double otherWait = other.reviewWaitHours() == null ? null : other.reviewWaitHours().median();
        if (aiWait != null && otherWait != null && aiWait >= otherWait + AI_REVIEW_WAIT_MARGIN_H - EPS) {
            items.add(new Attention.AiReviewWaitLonger(aiWait, otherWait));
        }
    }
}
