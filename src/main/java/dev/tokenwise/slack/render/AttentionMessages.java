package dev.tokenwise.slack.render;

import static dev.tokenwise.common.Figures.hours;
import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.util.List;

import dev.tokenwise.common.Figures;
import dev.tokenwise.digest.Attention;
import dev.tokenwise.digest.DigestFormat;

/** The items of a digest's "needs attention" list in words. */
public final class AttentionMessages {

    /** Unpriced models named in the item; the rest are counted. */
    static final int MAX_MODELS = 5;

    private AttentionMessages() {
    }

    public static List<String> items(List<Attention> items) {
        return items.stream().map(AttentionMessages::item).toList();
    }

    public static String item(Attention a) {
        if (a instanceof Attention.NoPrMerged n) {
            return usd(n.costUsd()) + " spent and no PR merged";
        }
        if (a instanceof Attention.CostPerPrUp c) {
            String up = Figures.change(c.nowUsd().doubleValue(), c.beforeUsd().doubleValue()).substring(1);
            return "Cost per merged PR up " + up + " (" + usd(c.beforeUsd()) + " → " + usd(c.nowUsd())
                    + ") while merged PRs " + (c.mergedNow() == c.mergedBefore() ? "stayed flat" : "fell") + " ("
                    + c.mergedBefore() + " → " + c.mergedNow() + ")";
        }
        if (a instanceof Attention.ReviewWaitRising r) {
            return "Review wait rising: median " + hours(r.nowHours()) + ", up from " + hours(r.beforeHours());
        }
        if (a instanceof Attention.EscapedDefectsUp e) {
            return "Escaped defects up: " + e.now() + ", from " + e.before();
        }
        if (a instanceof Attention.ChangeFailureRateUp c) {
            return "Change failure rate up: " + percent(c.now()) + ", from "
                    + (c.before() == null ? "none" : percent(c.before()));
        }
        if (a instanceof Attention.AiRevertedMore r) {
            return "AI-assisted PRs were reverted more often (" + percent(r.aiRate()) + " vs " + percent(r.otherRate())
                    + ")";
        }
        if (a instanceof Attention.AiReviewWaitLonger w) {
            return "AI-assisted PRs waited longer for review (median " + hours(w.aiHours()) + " vs "
                    + hours(w.otherHours()) + ")";
        }
        if (a instanceof Attention.UnattributedSpend u) {
            return percent(u.share()) + " of spend (" + usd(u.unattributedUsd()) + ") is linked to no pull request";
        }
        if (a instanceof Attention.RerunsHigh r) {
            return "Workflow reruns at " + percent(r.now()) + " of runs"
                    + (r.before() == null ? "" : ", up from " + percent(r.before()));
        }
        if (a instanceof Attention.RoutingSavings r) {
            return RoutingMessages.attention(r);
        }
        return "Unpriced models count as $0 until priced: " + models(((Attention.UnpricedModels) a).models());
    }

    /** Up to {@link #MAX_MODELS} names (each cut to 60 characters, mrkdwn escaped), then "and N more". */
    static String models(List<String> names) {
        List<String> shown = names.stream().limit(MAX_MODELS)
                .map(n -> DigestFormat.escape(DigestFormat.truncate(n, 60))).toList();
        String list = String.join(", ", shown);
        return names.size() > MAX_MODELS ? list + " and " + (names.size() - MAX_MODELS) + " more" : list;
    }
}
