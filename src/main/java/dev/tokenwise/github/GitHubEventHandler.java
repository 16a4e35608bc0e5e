package dev.tokenwise.github;

import java.util.List;

import dev.tokenwise.common.error.Problem;

/**
 * One GitHub event ({@code X-GitHub-Event}): which of its actions Tokenwise uses and how a delivery of it is stored
 * (docs/contract.md §6). {@link GitHubEventRouter} routes each delivery to the handler of its event, inside the
 * delivery's one transaction; adding an event is adding a handler.
 */
public interface GitHubEventHandler {

    /** The {@code X-GitHub-Event} header value this handler takes. */
    String event();

    /** Whether a delivery with this action is used; the others are answered {@code ignored} and not stored. */
    boolean takes(String action);

    /**
     * Adds a violation for each value this event would store that is out of bounds ({@link GitHubPayloadLimits});
     * checked before anything of the delivery is written.
     */
    void checkLimits(GitHubPayload payload, List<Problem.Violation> errors);

    /** Stores what the delivery brings; runs in the delivery's transaction, after its id was recorded. */
    void handle(GitHubEvent event);
}
