package dev.tokenwise.audit;

import java.time.Instant;

/** One row of table audit_log: the before and after of a change as JSON text (null when there is none). */
public record AuditEntry(Long id, Instant at, String actor, String action, String target, String beforeJson,
        String afterJson) {
}
