package dev.tokenwise.digest;

/**
 * How a digest reaches its channel, implemented by the Slack layer: it words the digest and queues it in the
 * outbox, in the caller's transaction (the one that decided to send it).
 */
public interface DigestPublisher {

    /**
     * Queues the digest for {@link DigestInput#channel()} under {@code dedupKey} (kind {@code digest}).
     *
     * @return false when a message with that key was queued before (nothing changes)
     */
    boolean publish(String dedupKey, String teamId, DigestInput digest);
}
