package dev.tokenwise.agent;

import java.time.Instant;

/** A commit an agent session produced, as the agent reported it (lower-case hex). */
public record SessionCommit(String sessionId, String commitSha, String teamId, String tool, Instant occurredAt) {
}
