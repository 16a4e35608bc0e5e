package dev.tokenwise.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox sender sends (see {@link OutboxSender}). */
@ConfigMapping(prefix = "tokenwise.outbox")
public interface OutboxConfig {

    /** Period of the send poll (retries, other replicas' rows, restarts); {@code off} disables it. */
    @WithDefault("5s")
    String pollEvery();

    /** Send right after the transaction that enqueued a message commits (besides the periodic poll). */
    @WithDefault("true")
    boolean sendOnCommit();

    /**
     * How long a replica owns a row it is sending. Longer than one Slack call (tokenwise.slack.http-timeout); a
     * row still 'sending' after it belonged to a replica that died, and is taken over (after a history lookup).
     */
    @WithDefault("2m")
    Duration lease();

    /** First retry delay; doubled on each failed attempt up to {@link #backoffMax()}. */
    @WithDefault("5s")
    Duration backoffBase();

    @WithDefault("10m")
    Duration backoffMax();

    /**
     * Attempts after which a message Slack refuses for good (channel_not_found, not_in_channel, invalid_auth...)
     * is marked 'failed'. Outages, 5xx and rate limits never count toward it: those are retried until Slack
     * takes the message.
     */
    @WithDefault("50")
    int maxAttempts();

    /** Rows claimed per round. */
    @WithDefault("20")
    int batchSize();
}
