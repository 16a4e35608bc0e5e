package dev.tokenwise.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/** Table source_state: each source's cursor, last outcome, back-off and lease. */
@ApplicationScoped
class SourceStateRepository {

    /** The stored part of a source's state. */
    record Row(LocalDate coveredThrough, Instant lastSuccessAt, String lastError, Instant lastErrorAt, int failures,
            Instant nextAttemptAt, String leaseOwner, Instant leaseUntil) {
    }

    private static final int MAX_ERROR = 1000;

    private final Db db;

    SourceStateRepository(Db db) {
        this.db = db;
    }

    Optional<Row> find(String source) {
        return db.one("SELECT covered_through, last_success_at, last_error, last_error_at, failures, next_attempt_at, "
                + "lease_owner, lease_until FROM source_state WHERE source = ?",
                rs -> new Row(Rows.date(rs, 1), Rows.instant(rs, 2), rs.getString(3), Rows.instant(rs, 4),
                        rs.getInt(5), Rows.instant(rs, 6), rs.getString(7), Rows.instant(rs, 8)),
                source);
    }

    /**
     * Takes the source's lease for {@code owner} (one run) unless a run holds an unexpired one: one statement, so of
     * two replicas, or two requests to one, only one gets it.
     */
    boolean claim(String source, String owner, Instant now, Instant until) {
        return db.update("UPDATE source_state SET lease_owner = ?, lease_until = ? WHERE source = ? "
                + "AND (lease_until IS NULL OR lease_until < ?)", owner, until, source, now) == 1;
    }

    /** Renews the lease while its owner still holds it; false when it was lost (expired and taken). */
    boolean renew(String source, String owner, Instant until) {
        return db.update("UPDATE source_state SET lease_until = ? WHERE source = ? AND lease_owner = ?", until, source,
                owner) == 1;
    }

    /** Moves the cursor forward to {@code day} (never back). */
    void covered(String source, LocalDate day) {
        db.update("UPDATE source_state SET covered_through = ? WHERE source = ? "
                + "AND (covered_through IS NULL OR covered_through < ?)", day, source, day);
    }

    /** A run ended well: error and back-off cleared, lease released. */
    void succeeded(String source, String owner, Instant now) {
        db.update("UPDATE source_state SET last_success_at = ?, last_error = NULL, failures = 0, "
                + "next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL WHERE source = ? AND lease_owner = ?",
                now, source, owner);
    }

    /** A run failed: the error (our words, cut to the column), the next attempt, lease released. */
    void failed(String source, String owner, String error, Instant now, Instant nextAttempt) {
        String e = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        db.update("UPDATE source_state SET last_error = ?, last_error_at = ?, failures = failures + 1, "
                + "next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE source = ? AND lease_owner = ?",
                e, now, nextAttempt, source, owner);
    }
}
