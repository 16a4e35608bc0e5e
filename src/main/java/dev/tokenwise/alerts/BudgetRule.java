package dev.tokenwise.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.budget.BudgetMath;
import dev.tokenwise.budget.BudgetService;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.team.TeamSettings;

/**
 * The budget rules of docs/contract.md §9 for one team: each envelope (the team's, under {@code *}, and each
 * workflow's) announces the thresholds it crosses (50, 80, 100 %) once per month, and a forecast above the
 * envelope once per month; the first evaluation of a month says that the alerts start over. The stored state of
 * each envelope ({@link AlertRepository}) decides what was announced, by compare-and-set, so replicas agree.
 */
@ApplicationScoped
class BudgetRule {

    /** The scope of the team envelope. */
    static final String TEAM_SCOPE = "*";

    /** A team's month: its budget status and its positive envelopes by scope. */
    record Month(TeamWindow window, BudgetStatus status, Map<String, BudgetStatus.Envelope> scopes) {
    }

    private final AlertRepository store;
    private final AlertsConfig config;

    BudgetRule(AlertRepository store, AlertsConfig config) {
        this.store = store;
        this.config = config;
    }

    /** True when the team has a positive envelope for its total or for a workflow. */
    static boolean hasBudget(TeamSettings t) {
        return positive(t.monthlyBudgetUsd()) || t.workflowBudgetsUsd().values().stream().anyMatch(
                BudgetRule::positive);
    }

    /**
     * The team's month when something may be due (the month's first evaluation, a level to raise or a forecast to
     * give), from the states read for all teams at once; empty otherwise, so no transaction is opened.
     */
    Optional<Month> check(TeamWindow w, Map<String, double[]> days, Instant now,
            Map<String, AlertRepository.BudgetState> states) {
        TeamSettings t = w.team();
        Map<String, Double> monthToDate = new HashMap<>();
        int from = w.index(w.monthFirst());
        days.forEach((wf, arr) -> {
            double sum = 0;
            for (int i = from; i < arr.length; i++) {
                sum += arr[i];
            }
            monthToDate.put(wf, sum);
        });
        BudgetStatus status = BudgetService.compute(t, now, monthToDate);
        Map<String, BudgetStatus.Envelope> scopes = scopes(status);
        boolean work = !states.containsKey(t.id() + "|" + TEAM_SCOPE);
        for (var e : scopes.entrySet()) {
            AlertRepository.BudgetState s = states.getOrDefault(t.id() + "|" + e.getKey(),
                    new AlertRepository.BudgetState(0, false));
            int target = BudgetMath.levelOf(e.getValue().spentUsd().doubleValue(), e.getValue().monthlyUsd());
            work |= target > s.levelPct() || (forecastDue(status, e.getValue(), target) && !s.forecastAlerted());
        }
        return work ? Optional.of(new Month(w, status, scopes)) : Optional.empty();
    }

    /** In the caller's transaction: moves the stored states and gives the alerts to raise, in order. */
    List<Alert> apply(Month m) {
        TeamSettings t = m.window().team();
        BudgetStatus status = m.status();
        LocalDate month = m.window().monthFirst();
        List<Alert> alerts = new ArrayList<>();
        if (store.ensureBudgetRow(t.id(), TEAM_SCOPE, month)) {
            Map<String, AlertRepository.BudgetState> last = store.alertedScopes(t.id(), month.minusMonths(1));
            if (!last.isEmpty()) {
                alerts.add(new Alert("alert:budget-reset:" + t.id() + ":" + status.month(), "reset", null, t,
                        TEAM_SCOPE, null, null, new AlertFinding.BudgetReset(t.id(), status.month(), last)));
            }
        }
        for (var e : m.scopes().entrySet()) {
            String scope = e.getKey();
            BudgetStatus.Envelope env = e.getValue();
            store.ensureBudgetRow(t.id(), scope, month);
            double spent = env.spentUsd().doubleValue();
            double monthly = env.monthlyUsd().doubleValue();
            int target = BudgetMath.levelOf(spent, env.monthlyUsd());
            // Compare-and-set from the level read: if another replica moved it meanwhile, read again and announce
            // only what is left to announce.
            for (int attempt = 0; attempt < 3; attempt++) {
                int level = store.budgetState(t.id(), scope, month).levelPct();
                if (target <= level) {
                    break;
                }
                if (store.casBudgetLevel(t.id(), scope, month, level, target)) {
                    alerts.add(new Alert("alert:budget:" + t.id() + ":" + scope + ":" + status.month() + ":" + target,
                            "budget", "budget", t, scope, spent, monthly, new AlertFinding.BudgetThreshold(t.id(),
                                    scope, status.month(), BudgetMath.crossed(level, target), target, spent, env)));
                    break;
                }
            }
            if (forecastDue(status, env, target) && store.casForecast(t.id(), scope, month)) {
                alerts.add(new Alert("alert:forecast:" + t.id() + ":" + scope + ":" + status.month(), "forecast",
                        "budget", t, scope, spent, monthly, new AlertFinding.BudgetForecast(t.id(), scope,
                                status.month(), spent, status.elapsedDays(), status.daysInMonth(), env)));
            }
        }
        return alerts;
    }

    /** The team envelope under '*' and each workflow envelope, those that are positive. */
    private static Map<String, BudgetStatus.Envelope> scopes(BudgetStatus status) {
        Map<String, BudgetStatus.Envelope> scopes = new LinkedHashMap<>();
        if (positive(status.monthlyUsd())) {
            scopes.put(TEAM_SCOPE, status.total());
        }
        status.byWorkflow().forEach((wf, e) -> {
            if (positive(e.monthlyUsd())) {
                scopes.put(wf, e);
            }
        });
        return scopes;
    }

    private boolean forecastDue(BudgetStatus status, BudgetStatus.Envelope e, int level) {
        return e.forecastRatio() != null && e.forecastRatio() > 1 && level < 100
                && status.elapsedDays() >= config.forecastMinDays();
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }
}
