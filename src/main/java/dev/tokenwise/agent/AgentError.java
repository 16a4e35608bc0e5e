package dev.tokenwise.agent;

import java.time.Instant;

/**
 * One agent error event as stored: its class and status, never its message. {@code key} is the hash of the record
 * that reported it, so a retried export counts it once.
 */
public record AgentError(String key, Instant occurredAt, String teamId, String tool, ErrorClass errorClass,
        Integer status, String sessionId) {
}
