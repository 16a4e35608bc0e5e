package dev.tokenwise.digest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tokenwise.scorecard.Scorecard;

/**
 * "Needs attention" when routine work could have run on a cheaper model (docs/contract.md §7.8): the period's
 * routing savings are above {@code routing_min_savings_usd}. Pure, like {@link AttentionRules}.
 */
public final class RoutingRule {

    private RoutingRule() {
    }

    public static Optional<Attention> evaluate(Scorecard.Routing routing) {
        if (routing == null || routing.savingsUsd() == null || routing.minSavingsUsd() == null
                || routing.savingsUsd().compareTo(routing.minSavingsUsd()) <= 0) {
            return Optional.empty();
        }
        List<String> workflows = routing.byWorkflow().entrySet().stream()
                .filter(e -> e.getValue().savingsUsd().signum() > 0)
                .sorted(Map.Entry.<String, Scorecard.RoutingWorkflow> comparingByValue(
                        (a, b) -> b.savingsUsd().compareTo(a.savingsUsd())).thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return Optional.of(new Attention.RoutingSavings(routing.savingsUsd(), routing.targetModel(), workflows));
    }
}
