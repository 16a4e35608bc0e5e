package dev.tokenwise.budget;

import java.math.BigDecimal;
import java.time.Instant;
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
 */
public record BudgetStatus(String team, String month, String timezone, Instant asOf, double elapsedDays,
        int daysInMonth, BigDecimal monthlyUsd, BigDecimal spentUsd, BigDecimal remainingUsd, Double usedRatio,
        BigDecimal forecastUsd, Double forecastRatio, Map<String, Envelope> byWorkflow) {

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
