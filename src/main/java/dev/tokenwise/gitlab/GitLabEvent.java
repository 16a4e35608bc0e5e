package dev.tokenwise.gitlab;

/**
 * A delivery as a handler sees it: the repository ({@code project.path_with_namespace}, lower case, subgroups
 * included), the team it is mapped to ({@code unassigned} when none) and the payload.
 */
public record GitLabEvent(String repo, String team, GitLabPayload payload) {
}
