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

    private final CostFigures costs;
    private final Instance<DeliveryFigures> delivery;

    // Note: delivery is Instance<> while that feature lands in parallel; a missing one leaves its sections absent.
    public ScorecardService(CostFigures costs, Instance<DeliveryFigures> delivery) {
        this.costs = costs;
        this.delivery = delivery;
    }

    public Scorecard scorecard(TeamSettings team, Period period) {
        Set<String> contributors = new HashSet<>(costs.contributors(team, period));
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
        Scorecard.Cost cost = costs.cost(team, period);
        Scorecard.Delivery d = null;
        Scorecard.Quality q = null;
        Double valuePer1k = null;
        if (deliveryFigures != null) {
            DeliveryFigures.Sections s = deliveryFigures.sections(team, period);
            double total = cost.totalUsd().doubleValue();
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
