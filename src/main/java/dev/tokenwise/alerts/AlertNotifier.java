package dev.tokenwise.alerts;

/**
 * How an alert reaches its channel, implemented by the Slack layer: it words the finding and queues the message in
 * the outbox, in the caller's transaction (the one that decided the alert), so that the alert and its message
 * commit together.
 */
public interface AlertNotifier {

    /** The alert in words: recorded with it ({@code alert_event.summary}), posted, and listed by the spikes answer. */
    String summary(Alert alert);

    /**
     * Queues the alert for {@code channel} in the caller's transaction.
     *
     * @param snoozeValue the value of its snooze buttons ({@link AlertSnoozeService#value}), or null for none
     * @return false when a message with the alert's key was queued before
     */
    boolean post(Alert alert, String channel, String summary, String snoozeValue);
}
