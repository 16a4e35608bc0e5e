package dev.tokenwise.budget;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A team's billed cost this month beside the estimate (docs/contract.md §5.7): the days billing covers (the 1st of
 * the month through {@code billedThrough}, UTC days), what the vendors billed the team's accounts, and
 * (estimated − billed) ÷ billed, where estimated is the telemetry cost of those vendors' models over the same days.
 *
 * @param estimateDrift null when nothing was billed
 */
public record Billed(BigDecimal billedUsd, LocalDate billedThrough, int billedDays, BigDecimal estimatedUsd,
        Double estimateDrift) {
}
