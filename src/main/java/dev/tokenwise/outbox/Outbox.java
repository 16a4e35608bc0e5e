package dev.tokenwise.outbox;

import java.util.Optional;

import dev.tokenwise.chat.ChatFile;
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

    /**
     * Queues a message with a file that goes into the channel just before it (the digest's chart), as one delivery:
     * the file is uploaded and shared once, then the message is posted once.
     */
    boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message, ChatFile file);

    /** The status of the message with this dedup key ({@code pending}, {@code sent}, ...), if there is one. */
    Optional<String> status(String dedupKey);

    /**
     * Marks the team's pending messages of a kind whose keys share {@code keyPrefix} and sort before {@code key}
     * as superseded (a newer one replaces them), in the caller's transaction.
     *
     * @return how many were superseded
     */
    int supersedeOlder(String teamId, String kind, String keyPrefix, String key);
}
