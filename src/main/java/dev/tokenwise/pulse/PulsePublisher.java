package dev.tokenwise.pulse;

/**
 * How a pulse reaches its channel, implemented by the Slack layer: it words the questions and queues them in the
 * outbox, in the caller's transaction.
 */
public interface PulsePublisher {

    /** Queues the questions under {@code dedupKey} (kind {@code pulse}); false when that key was queued before. */
    boolean publish(String dedupKey, PulseInvite invite);
}
