package dev.tokenwise.outbox;

import dev.tokenwise.chat.ChatMessage;

/**
 * The one way the service says something in a channel. {@link #enqueue} writes the message in the caller's
 * transaction; the outbox sender sends it after commit, with retries, and never twice.
 */
public interface Outbox {

    /**
     * Queues a message unless one with the same {@code dedupKey} exists (in any state).
     *
     * @param dedupKey unique key of what is said, e.g. {@code digest:payments:2026-11-09}
     * @param teamId the team it is about, or null
     * @param kind {@code digest}, {@code alert}, {@code share}, {@code note}, ...
     * @return true when queued, false when the key was already there (nothing changes)
     */
    boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message);
}
