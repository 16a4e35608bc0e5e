package dev.tokenwise.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PriceBookTest {

    @Inject
    PriceBook prices;

    @Test
    void vendorAndGatewayNamesResolveToThePriceTableKey() {
        assertEquals("claude-sonnet-4-5", prices.resolve("claude-sonnet-4-5"));
        assertEquals("claude-sonnet-4-5", prices.resolve("claude-sonnet-4-5-20250929"));
        assertEquals("claude-sonnet-4-5", prices.resolve("anthropic/claude-sonnet-4-5-20250929"));
        assertEquals("claude-sonnet-4-5", prices.resolve("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals("claude-sonnet-4-5", prices.resolve("claude-sonnet-4-5@20250929"));
        assertEquals("gpt-4o", prices.resolve("gpt-4o-2024-08-06"));
        assertEquals("gpt-5-mini", prices.resolve("openai/gpt-5-mini"));
        assertNull(prices.resolve("llama-3-70b"));
    }

    @Test
    void priceInForceAtTheEventsTime() {
        ModelPrice p = prices.priceAt("claude-sonnet-4-5", Instant.parse("2026-06-01T12:00:00Z")).orElseThrow();
        // 1M input + 1M cached + 1M cache write + 1M output at 3 / 0.3 / 3.75 / 15.
        assertEquals(22.05, p.cost(1_000_000, 1_000_000, 1_000_000, 1_000_000), 1e-9);
        assertTrue(prices.priceAt("claude-sonnet-4-5", Instant.parse("2024-06-01T12:00:00Z")).isEmpty());
    }
}
