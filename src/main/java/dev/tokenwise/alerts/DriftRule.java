package dev.tokenwise.alerts;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.budget.Billed;
import dev.tokenwise.budget.BilledService;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.team.TeamSettings;

/**
 * The estimate-drift alert (docs/contract.md §5.7): once per team and month, when over at least
 * {@value #MIN_DAYS} billed days this month the estimate of the vendors' models is further from their bill than
 * {@code reconcile_drift} (either way). The key {@code alert:drift:{team}:{month}} makes it once.
 */
@ApplicationScoped
class DriftRule {

    /** Fewer billed days say too little: one day's late-arriving telemetry would look like drift. */
    static final int MIN_DAYS = 3;

    private final BilledService billed;

    DriftRule(BilledService billed) {
        this.billed = billed;
    }

    Optional<Alert> check(TeamSettings team, Instant now, GlobalSettings g, Set<String> raised) {
        YearMonth month = YearMonth.from(now.atZone(team.zone()));
        String key = "alert:drift:" + team.id() + ":" + month;
        if (raised.contains(key)) {
            return Optional.empty();
        }
        Optional<Billed> b = billed.of(team.id(), month);
        if (b.isEmpty() || b.get().estimateDrift() == null || b.get().billedDays() < MIN_DAYS
                || Math.abs(b.get().estimateDrift()) <= g.reconcileDrift().doubleValue()) {
            return Optional.empty();
        }
        Billed x = b.get();
        return Optional.of(new Alert(key, "drift", null, team, "*", x.estimatedUsd().doubleValue(),
                x.billedUsd().doubleValue(), new AlertFinding.EstimateDrift(team.id(), month.toString(), x,
                        g.reconcileDrift().doubleValue())));
    }
}
