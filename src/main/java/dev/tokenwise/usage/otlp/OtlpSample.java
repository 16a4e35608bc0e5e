package dev.tokenwise.usage.otlp;

import java.time.Instant;

/**
 * One accepted data point of a usage metric, before temporality is applied: {@code value} is a delta for DELTA
 * series and the running total for CUMULATIVE ones. {@code kind} says what the value counts. {@code pairKey} is set
 * for the families whose token types are combined per export before they become events (docs/contract.md §5.3).
 */
record OtlpSample(String seriesKey, String pairKey, boolean cumulative, long startNanos, long timeNanos, double value,
        Kind kind,
        String team, String repo, String workflow, String tool, String model, String sessionId, Integer pullRequest,
        String actor, boolean costFromExport) {

    enum Kind {
        INPUT,
        OUTPUT,
        CACHE_READ,
        CACHE_WRITE,
        COST,
        /** Input that includes its cached part (Codex, Gemini): paired with {@link #CACHED_OF_INPUT}. */
        INPUT_WITH_CACHED,
        /** The cached part of an {@link #INPUT_WITH_CACHED} figure. */
        CACHED_OF_INPUT,
        /** Reasoning that is already part of output (Codex): informational. */
        REASONING,
        /** Gemini's thought tokens: billed as output, and the reasoning figure. */
        THOUGHT
    }

    Instant time() {
        return Instant.ofEpochSecond(0, timeNanos);
    }
}
