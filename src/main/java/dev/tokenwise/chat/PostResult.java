package dev.tokenwise.chat;

import java.time.Duration;

/**
 * Outcome of a post or update.
 *
 * @param ok the message was accepted; {@code ts} identifies it
 * @param retryAfter set when the platform asked us to wait (HTTP 429 + Retry-After)
 * @param error the platform's error code ({@code channel_not_found}, {@code http_503}, {@code io: …})
 * @param retryable trying again later may succeed (rate limit, outage, network)
 * @param outcomeUnknown the request may have been delivered although no answer came back (timeout, 5xx): before
 *        trying again, look for the message with {@link ChatPort#findPosted}
 */
public record PostResult(boolean ok, String ts, Duration retryAfter, String error, boolean retryable,
        boolean outcomeUnknown) {

    public static PostResult posted(String ts) {
        return new PostResult(true, ts, null, null, false, false);
    }

    public static PostResult rateLimited(Duration retryAfter) {
        return new PostResult(false, null, retryAfter, "ratelimited", true, false);
    }

    public static PostResult failed(String error, boolean retryable) {
        return new PostResult(false, null, null, error, retryable, false);
    }

    public static PostResult unknown(String error) {
        return new PostResult(false, null, null, error, true, true);
    }
}
