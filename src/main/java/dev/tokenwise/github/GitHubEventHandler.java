package dev.tokenwise.github;

/**
 * One GitHub event ({@code X-GitHub-Event}): which of its actions Tokenwise uses and how a delivery of it is stored
 * (docs/contract.md §6). {@link GitHubDeliveryService} routes each delivery to the handler of its event, inside the
 * delivery's one transaction; adding an event is adding a handler.
 */
public interface GitHubEventHandler {

    /** The {@code X-GitHub-Event} header value this handler takes. */
    String event();

    /** Whether a delivery with this action is used; the others are answered {@code ignored} and not stored. */
    boolean takes(String action);

    /** Stores what the delivery brings; runs in the delivery's transaction, after its id was recorded. */
    void handle(GitHubEvent event);
}
