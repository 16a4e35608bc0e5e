package dev.tokenwise.outbox;

import java.time.Instant;

/** One outbox message as the admin API shows it ({@code GET /api/admin/outbox}). */
public record OutboxEntry(long id, String dedupKey, String team, String kind, String channel, String text,
        String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String slackTs,
        String lastError) {
}
