package dev.tokenwise.outbox;

import java.time.Instant;

/**
 * One outbox message as the admin API shows it ({@code GET /api/admin/outbox}), with the file that goes out with it
 * (the digest's chart), or null.
 */
public record OutboxEntry(long id, String dedupKey, String team, String kind, String channel, String text,
        String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String slackTs,
        String lastError, File file) {

    /**
     * A message's file: its name (with the console adapter, the file under {@code tokenwise.chat.files-dir}), alt
     * text, delivery state ({@code new}, {@code uploaded}, {@code completing}, {@code shared}), the chat's id of it
     * once uploaded, and where the admin API serves its content.
     */
    public record File(String name, String altText, String state, String fileId, String contentPath) {
    }
}
