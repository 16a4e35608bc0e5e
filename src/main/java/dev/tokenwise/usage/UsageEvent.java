package dev.tokenwise.usage;

import java.time.Instant;

/**
 * One normalised usage event as stored: team resolved, cost decided (reported or priced), actor pseudonymised.
 * {@code eventKey} is the source-namespaced idempotency key, null when the source gave none.
 */
public record UsageEvent(String eventKey, Instant occurredAt, String teamId, String repo, String workflow,
        String tool, String model, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
        long outputTokens, long reasoningTokens, double costUsd, boolean costReported, boolean priced,
        String sessionId, Integer pullRequest, String actor, String source) {

    public boolean attributed() {
        return pullRequest != null;
    }
}
