package dev.tokenwise.team;

import java.time.Instant;

/** A repository ({@code owner/name}, lower case) and the team it belongs to: a row of table repo. */
public record RepoMapping(String fullName, String teamId, Instant updatedAt) {
}
