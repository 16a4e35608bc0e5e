package dev.tokenwise.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A model's prices in USD per million tokens, in force from {@code effectiveFrom}, and its tier ({@code premium},
 * {@code standard}, {@code economy}; null when not tiered), docs/contract.md §7.8.
 */
public record ModelPrice(String model, BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite,
        BigDecimal output, LocalDate effectiveFrom, String tier) {

    private static final double MILLION = 1_000_000d;

    /**
     * docs/contract.md §7: (input × p_in + cached × p_cached + cache_write × p_cache_write + output × p_out)
     * / 1,000,000.
     */
    public double cost(long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens) {
        return (inputTokens * input.doubleValue() + cachedTokens * cachedInput.doubleValue()
                + cacheWriteTokens * cacheWrite.doubleValue() + outputTokens * output.doubleValue()) / MILLION;
    }
}
