package dev.tokenwise.usage;

import java.time.Instant;

/**
 * One normalised usage event as stored: team resolved, cost decided (reported or priced), actor pseudonymised.
 * {@code eventKey} is the source-namespaced idempotency key, null when the source gave none. {@code bucket} is the
 * start of the team's local hour that holds {@code occurredAt}: the rollup row the event counts in (see
 * {@link Rollups#bucketOf(Instant, java.time.ZoneId)}).
 */
public record UsageEvent(String eventKey, Instant occurredAt, Instant bucket, String teamId, String repo,
        String workflow, String tool, String model, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
        long outputTokens, long reasoningTokens, double costUsd, boolean costReported, boolean priced,
        String sessionId, Integer pullRequest, String actor, String source) {

    public boolean attributed() {
        return pullRequest != null;
    }
}
