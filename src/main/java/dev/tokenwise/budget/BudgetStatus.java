package dev.tokenwise.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A team's budget for the month to date (docs/contract.md §7, {@code GET /api/teams/{team}/budget}). Money in USD;
 * ratios in 0..1 (above 1 when over budget). Without an envelope, {@code monthly_usd}, {@code remaining_usd} and
 * {@code used_ratio} are null while spend and forecast are still given. {@code remaining_usd} goes negative when
 * the envelope is exceeded.
 *
 * @param month the calendar month in the team's zone, {@code YYYY-MM}
 * @param elapsedDays days of the month elapsed at {@code asOf} (fractional; see {@link BudgetMath#elapsedDays})
 * @param forecastUsd spent / elapsed days × days in month
 * @param forecastRatio forecast / envelope
 * @param byWorkflow every workflow that has an envelope or spend this month
 * @param billedUsd what the vendors billed the team's accounts this month through {@code billedThrough}
 *        (docs/contract.md §5.7); null, like the two after it, without billed cost
 * @param billedThrough the last UTC day billing covers
 * @param estimateDrift (estimated − billed) ÷ billed over the same days and vendors' models
 */
public record BudgetStatus(String team, String month, String timezone, Instant asOf, double elapsedDays,
        int daysInMonth, BigDecimal monthlyUsd, BigDecimal spentUsd, BigDecimal remainingUsd, Double usedRatio,
        BigDecimal forecastUsd, Double forecastRatio, Map<String, Envelope> byWorkflow, BigDecimal billedUsd,
        LocalDate billedThrough, Double estimateDrift) {

    /** A status without billed cost. */
    public BudgetStatus(String team, String month, String timezone, Instant asOf, double elapsedDays,
            int daysInMonth, BigDecimal monthlyUsd, BigDecimal spentUsd, BigDecimal remainingUsd, Double usedRatio,
            BigDecimal forecastUsd, Double forecastRatio, Map<String, Envelope> byWorkflow) {
        this(team, month, timezone, asOf, elapsedDays, daysInMonth, monthlyUsd, spentUsd, remainingUsd, usedRatio,
                forecastUsd, forecastRatio, byWorkflow, null, null, null);
    }

    /** This status with the month's billed cost beside it. */
    public BudgetStatus withBilled(Billed b) {
        return new BudgetStatus(team, month, timezone, asOf, elapsedDays, daysInMonth, monthlyUsd, spentUsd,
                remainingUsd, usedRatio, forecastUsd, forecastRatio, byWorkflow, b.billedUsd(), b.billedThrough(),
                b.estimateDrift());
    }

    /** One envelope (the team's or a workflow's) and its spend. */
    public record Envelope(BigDecimal monthlyUsd, BigDecimal spentUsd, BigDecimal remainingUsd, Double usedRatio,
            BigDecimal forecastUsd, Double forecastRatio) {
    }

    /** True when the team has an envelope for its total or for any workflow. */
    public boolean hasBudget() {
        return monthlyUsd != null || byWorkflow.values().stream().anyMatch(e -> e.monthlyUsd() != null);
    }

    public Envelope total() {
        return new Envelope(monthlyUsd, spentUsd, remainingUsd, usedRatio, forecastUsd, forecastRatio);
    }
}
