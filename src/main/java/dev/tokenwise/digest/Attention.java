package dev.tokenwise.digest;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item of a digest's "needs attention" list ({@link AttentionRules}), in team figures only; the Slack layer
 * words it.
 */
public sealed interface Attention {

    /** Material spend and no pull request merged. */
    record NoPrMerged(BigDecimal costUsd) implements Attention {
    }

    /** Cost per merged PR rose while merged PRs stayed flat or fell. */
    record CostPerPrUp(BigDecimal beforeUsd, BigDecimal nowUsd, int mergedBefore, int mergedNow)
            implements
                Attention {
    }

    /** The median review wait rose, in hours. */
    record ReviewWaitRising(double nowHours, double beforeHours) implements Attention {
    }

    record EscapedDefectsUp(int now, int before) implements Attention {
    }

    /** The change failure rate rose; {@code before} is null when there was none. */
    record ChangeFailureRateUp(double now, Double before) implements Attention {
    }

    /**
     * AI-assisted PRs were reverted more often than the others (docs/contract.md §7.7): reverted PRs over merged PRs
     * of each cohort, 0..1.
     */
    record AiRevertedMore(double aiRate, double otherRate) implements Attention {
    }

    /** AI-assisted PRs waited longer for their first review than the others: the cohorts' medians, in hours. */
    record AiReviewWaitLonger(double aiHours, double otherHours) implements Attention {
    }

    /** Half the spend or more is linked to no pull request. */
    record UnattributedSpend(double share, BigDecimal unattributedUsd) implements Attention {
    }

    /** Workflow reruns at a high share of runs; {@code before} is null when unknown. */
    record RerunsHigh(double now, Double before) implements Attention {
    }

    /**
     * Routine workflows ran on premium models: the savings at the target model's prices exceed
     * {@code routing_min_savings_usd} (docs/contract.md §7.8); {@code workflows} are those with savings, largest first.
     */
    record RoutingSavings(BigDecimal savingsUsd, String targetModel, List<String> workflows) implements Attention {
    }

    /** Models without a price (counted as $0). */
    record UnpricedModels(List<String> models) implements Attention {
    }
}
