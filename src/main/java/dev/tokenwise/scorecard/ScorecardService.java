package dev.tokenwise.scorecard;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import dev.tokenwise.common.Stats;
import dev.tokenwise.team.TeamSettings;

/**
 * Composes a team's scorecard (SPEC §3) from the cost and delivery figures, and applies the privacy rule of
 * SPEC §5: a period with at least one and fewer than {@code min_contributors} known contributors is withheld.
 * The same numbers feed the JSON API, the slash commands and the digest.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ScorecardService {

    private final Instance<CostFigures> costs;
    private final Instance<DeliveryFigures> delivery;

    // Note: both are Instance<> while the features land in parallel; a missing one leaves its sections absent.
    public ScorecardService(Instance<CostFigures> costs, Instance<DeliveryFigures> delivery) {
        this.costs = costs;
        this.delivery = delivery;
    }

    public Scorecard scorecard(TeamSettings team, Period period) {
        CostFigures costFigures = costs.isResolvable() ? costs.get() : null;
        Set<String> contributors = new HashSet<>();
        if (costFigures != null) {
            contributors.addAll(costFigures.contributors(team, period));
        }
        DeliveryFigures deliveryFigures = delivery.isResolvable() ? delivery.get() : null;
        if (deliveryFigures != null) {
            contributors.addAll(deliveryFigures.contributors(team, period));
        }
        int n = contributors.size();
        if (n > 0 && n < team.minContributors()) {
            return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), true,
                    "Fewer than " + team.minContributors() + " people contributed in this period, so team figures "
                            + "would describe individuals. Tokenwise shows team-level figures only.",
                    null, null, null, null);
        }
        Scorecard.Cost cost = costFigures == null ? null : costFigures.cost(team, period);
        Scorecard.Delivery d = null;
        Scorecard.Quality q = null;
        Double valuePer1k = null;
        // Without a CostFigures bean at all, delivery still shows and cost counts as 0 (cost per PR 0, value null).
        if (deliveryFigures != null && (cost != null || costFigures == null)) {
            DeliveryFigures.Sections s = deliveryFigures.sections(team, period);
            double total = cost == null ? 0 : cost.totalUsd().doubleValue();
            BigDecimal perPr = s.delivery().mergedPrs() == 0 ? null : Stats.usd(total / s.delivery().mergedPrs());
            d = s.delivery().withCostPerMergedPr(perPr);
            q = s.quality();
            int value = Math.max(0, d.mergedPrs() - d.rollbacks() - q.escapedDefects());
            valuePer1k = total == 0 ? null : Stats.round4(value * 1000d / total);
        }
        return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), false, null, cost, d, q,
                valuePer1k);
    }
}
