package dev.tokenwise.github;

/**
 * A delivery as a handler sees it: the action ({@code ""} when the event has none), the repository
 * ({@code owner/name}, lower case), the team it is mapped to ({@code unassigned} when none) and the payload.
 */
public record GitHubEvent(String action, String repo, String team, GitHubPayload payload) {
}
