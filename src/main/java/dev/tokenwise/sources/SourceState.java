package dev.tokenwise.sources;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A pulled source's state as {@code GET /api/admin/sources} shows it (docs/contract.md §5.7).
 *
 * @param coveredThrough the last UTC day fetched and stored
 * @param nextAttemptAt after a failure, when the schedule tries again (a sync on demand does not wait)
 */
public record SourceState(String source, boolean enabled, String needs, LocalDate coveredThrough,
        Instant lastSuccessAt, String lastError, Instant lastErrorAt, int failures, Instant nextAttemptAt,
        boolean running) {
}
