package dev.tokenwise.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.common.Stats;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * Budget figures of docs/contract.md §7: the monthly envelope of a team (and of its workflows), spent month to date in
 * the team's time zone, remaining, used ratio and the forecast. Reads the hourly rollup, so it answers in the time
 * of one indexed range query whatever the event volume.
 */
@ApplicationScoped
public class BudgetService {

    private final SpendRepository spend;
    private final BilledService billed;
    private final TeamService teams;
    private final Clock clock;

    public BudgetService(SpendRepository spend, BilledService billed, TeamService teams, Clock clock) {
        this.spend = spend;
        this.billed = billed;
        this.teams = teams;
        this.clock = clock;
    }

    /** The budget of a configured team now; 404 problem for an unknown team. */
    public BudgetStatus status(String teamId) {
        return status(teams.require(teamId), clock.instant());
    }

    /**
     * The budget of the month (in the team's zone) that contains {@code at}, with spend up to {@code at}, and the
     * vendors' billed cost of that month beside it when a billing source covers it.
     */
    public BudgetStatus status(TeamSettings team, Instant at) {
        YearMonth month = YearMonth.from(at.atZone(team.zone()));
        Instant start = monthStart(month, team.zone());
        BudgetStatus s = compute(team, at, spend.byWorkflow(team.id(), start, at));
        return billed.of(team.id(), month).map(s::withBilled).orElse(s);
    }

    public static Instant monthStart(YearMonth month, ZoneId zone) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The status from spend per workflow already summed over the month up to {@code at}; shared with the alert
     * evaluation, which reads the spend of all teams at once.
     */
    public static BudgetStatus compute(TeamSettings team, Instant at, Map<String, Double> spentByWorkflow) {
        ZoneId zone = team.zone();
        YearMonth month = YearMonth.from(at.atZone(zone));
        int days = month.lengthOfMonth();
        LocalDate first = month.atDay(1);
        double elapsed = BudgetMath.elapsedDays(first.atStartOfDay(zone).toInstant(),
                first.plusMonths(1).atStartOfDay(zone).toInstant(), at, days);
        Map<String, BudgetStatus.Envelope> byWorkflow = new TreeMap<>();
        TreeSet<String> workflows = new TreeSet<>(team.workflowBudgetsUsd().keySet());
        spentByWorkflow.forEach((w, v) -> {
            if (v != 0) {
                workflows.add(w);
            }
        });
        // The workflows' spend and forecast are parts of the team's: rounded so that they add up to it.
        Map<String, BigDecimal> spent = new TreeMap<>();
        Map<String, BigDecimal> forecast = new TreeMap<>();
        spentByWorkflow.forEach((w, v) -> {
            spent.put(w, Money.of(v));
            Double f = BudgetMath.forecast(v, elapsed, days);
            forecast.put(w, Money.of(f == null ? 0 : f));
        });
        Map<String, BigDecimal> spentShown = Money.parts(spent);
        Map<String, BigDecimal> forecastShown = Money.parts(forecast);
        boolean forecastKnown = BudgetMath.forecast(0, elapsed, days) != null;
        for (String w : workflows) {
            byWorkflow.put(w, envelope(team.workflowBudgetsUsd().get(w), spentShown.getOrDefault(w, Money.ZERO),
                    forecastKnown ? forecastShown.getOrDefault(w, Money.ZERO) : null));
        }
        BudgetStatus.Envelope t = envelope(team.monthlyBudgetUsd(), Money.total(spent.values()),
                forecastKnown ? Money.total(forecast.values()) : null);
        return new BudgetStatus(team.id(), month.toString(), zone.getId(), at, Stats.round4(elapsed), days,
                t.monthlyUsd(), t.spentUsd(), t.remainingUsd(), t.usedRatio(), t.forecastUsd(), t.forecastRatio(),
                byWorkflow);
    }

    /** One envelope from its amounts as shown (4 decimals): remaining = envelope − spent, exactly. */
    private static BudgetStatus.Envelope envelope(BigDecimal monthly, BigDecimal spent, BigDecimal forecast) {
        boolean has = monthly != null;
        double m = has ? monthly.doubleValue() : 0;
        return new BudgetStatus.Envelope(monthly, spent, has ? Money.round(monthly.subtract(spent)) : null,
                has ? Stats.round4(Stats.ratio(spent.doubleValue(), m)) : null, forecast,
                has && forecast != null ? Stats.round4(Stats.ratio(forecast.doubleValue(), m)) : null);
    }
}
