package dev.tokenwise.gitlab;

import java.util.List;
import java.util.Set;

import dev.tokenwise.common.error.Problem;

/**
 * One GitLab hook ({@code X-Gitlab-Event}): which of its deliveries Tokenwise uses and how one is stored
 * (docs/contract.md §6.5). {@link GitLabEventRouter} routes each delivery to the handler of its hook, inside the
 * delivery's one transaction. Handlers map GitLab's objects onto the records the GitHub handlers merge, so each merge
 * rule exists once for both forges.
 */
public interface GitLabHookHandler {

    /** The {@code X-Gitlab-Event} values this handler takes. */
    Set<String> events();

    /** Whether this delivery is used; the others are answered {@code ignored} and not stored. */
    boolean takes(GitLabPayload payload);

    /** Adds a violation for each value the delivery would store that is out of bounds ({@link GitLabPayloadLimits}). */
    void checkLimits(GitLabPayload payload, List<Problem.Violation> errors);

    /** Stores what the delivery brings; runs in the delivery's transaction, after its id was recorded. */
    void handle(GitLabEvent event);
}
