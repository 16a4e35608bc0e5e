package dev.tokenwise.pricing;

import java.time.LocalDate;

/** CDI event fired (inside the transaction) when an admin sets a model's price from a date on. */
public record PricesChanged(String model, LocalDate effectiveFrom) {
}
