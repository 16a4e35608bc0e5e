package dev.tokenwise.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A model's prices in USD per million tokens, in force from {@code effectiveFrom}; the vendor that sells it
 * ({@code anthropic}, {@code openai}, {@code google}, …; null when unknown): the estimate compared with a vendor's
 * bill covers that vendor's models only (docs/contract.md §5.7); and its tier ({@code premium}, {@code standard},
 * {@code economy}; null when not tiered), docs/contract.md §7.8.
 */
public record ModelPrice(String model, BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite,
        BigDecimal output, LocalDate effectiveFrom, String vendor, String tier) {

    /** Prices whose vendor and tier are not said. */
    public ModelPrice(String model, BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
            LocalDate effectiveFrom) {
        this(model, input, cachedInput, cacheWrite, output, effectiveFrom, null, null);
    }

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
