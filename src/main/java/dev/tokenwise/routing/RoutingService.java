package dev.tokenwise.routing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.pricing.ModelPrice;
import dev.tokenwise.pricing.ModelTier;
import dev.tokenwise.pricing.PriceBook;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.RoutingFigures;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamSettings;

/**
 * Routing advice (docs/contract.md §7.8): for each routine workflow, its cost on premium-tier models in the period
 * (what was spent, vendor-reported or priced) against the same tokens, type by type, at the target model's prices
 * in force on the period's last day. A team figure from the rollups; no person is ever in it.
 */
@ApplicationScoped
public class RoutingService implements RoutingFigures {

    private final RoutingRepository repository;
    private final PriceBook prices;
    private final SettingsService settings;

    public RoutingService(RoutingRepository repository, PriceBook prices, SettingsService settings) {
        this.repository = repository;
        this.prices = prices;
        this.settings = settings;
    }

    @Override
    public Scorecard.Routing routing(TeamSettings team, Period period) {
        GlobalSettings s = settings.current();
        LocalDate lastDay = period.to().minusDays(1);
        Optional<ModelPrice> target = prices.priceAt(s.routingTargetModel(),
                lastDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (target.isEmpty()) {
            return null;
        }
        Map<String, BigDecimal> premium = new LinkedHashMap<>();
        Map<String, BigDecimal> atTarget = new LinkedHashMap<>();
        for (String w : s.routineWorkflows()) {
            premium.put(w, BigDecimal.ZERO);
            atTarget.put(w, BigDecimal.ZERO);
        }
        for (RoutingRepository.ModelUsage u : repository.usage(team.id(), period, s.routineWorkflows())) {
            if (!ModelTier.PREMIUM.id().equals(prices.tierOf(u.model()).orElse(null))) {
                continue;
            }
            premium.merge(u.workflow(), Money.of(u.costUsd()), BigDecimal::add);
            atTarget.merge(u.workflow(), Money.of(target.get().cost(u.inputTokens(), u.cachedInputTokens(),
                    u.cacheWriteTokens(), u.outputTokens())), BigDecimal::add);
        }
        // Each workflow's figures are rounded first, so that the savings of the workflows add up to the total.
        Map<String, Scorecard.RoutingWorkflow> byWorkflow = new LinkedHashMap<>();
        BigDecimal savings = Money.ZERO;
        for (String w : premium.keySet()) {
            BigDecimal p = Money.round(premium.get(w));
            BigDecimal t = Money.round(atTarget.get(w));
            byWorkflow.put(w, new Scorecard.RoutingWorkflow(p, t, p.subtract(t)));
            savings = savings.add(p.subtract(t));
        }
        return new Scorecard.Routing(savings, byWorkflow, target.get().model(), s.routingMinSavingsUsd());
    }
}
