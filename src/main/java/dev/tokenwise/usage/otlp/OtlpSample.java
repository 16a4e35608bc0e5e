package dev.tokenwise.usage.otlp;

import java.time.Instant;

/**
 * One accepted data point of a usage metric, before temporality is applied: {@code value} is a delta for DELTA
 * series and the running total for CUMULATIVE ones. {@code kind} says what the value counts.
 */
record OtlpSample(String seriesKey, boolean cumulative, long startNanos, long timeNanos, double value, Kind kind,
        String team, String repo, String workflow, String tool, String model, String sessionId, Integer pullRequest,
        String actor, boolean costFromExport) {

    enum Kind {
        INPUT,
        OUTPUT,
        CACHE_READ,
        CACHE_WRITE,
        COST
    }

    Instant time() {
        return Instant.ofEpochSecond(0, timeNanos);
    }
}
