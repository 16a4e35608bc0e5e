package dev.tokenwise.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox's SQL on the database of the run, step by step with instants of its own (in 2020, before any other
 * test's rows): the nulls that must leave a column as it was (COALESCE of an untyped null), the timestamps read
 * back to the microsecond, and the claim that a second taker cannot repeat.
 */
@QuarkusTest
class OutboxRepositoryTest {

    private static final Instant CREATED = Instant.parse("2020-01-06T09:00:00.123456Z");

    @Inject
    OutboxRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    /** The row as the admin API reads it (looked up by key: the listing shows the newest rows, not these). */
    private OutboxEntry entry(String key) {
        return db.one("SELECT id, dedup_key, team_id, kind, channel, text, status, attempts, created_at, "
                + "next_attempt_at, sent_at, slack_ts, last_error FROM outbox_message WHERE dedup_key = ?",
                rs -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), Rows.instant(rs, 9),
                        Rows.instant(rs, 10), Rows.instant(rs, 11), rs.getString(12), rs.getString(13),
                        null),
                key).orElseThrow();
    }

    @Test
    void claimRecordAndReadBackKeepWhatANullLeavesAlone() {
        String key = "obx-repo:steps";
        assertTrue(db.transaction(() -> repository.insert(key, null, "note", new ChatMessage("CREPO", "hi", null),
                null, CREATED)));
        OutboxEntry queued = entry(key);
        assertEquals(new OutboxEntry(queued.id(), key, null, "note", "CREPO", "hi", "pending", 0, CREATED, CREATED,
                null, null, null, null), queued);

        OutboxRepository.Due due = new OutboxRepository.Due(queued.id(), "pending");
        Instant now = CREATED.plusSeconds(1);
        assertTrue(db.transaction(() -> repository.due(now, 1000)).contains(due));
        OutboxRepository.Claimed claimed = db.transaction(() -> repository.claim(due, "me", now, now.plusSeconds(
                120))).orElseThrow();
        assertEquals(new OutboxRepository.Claimed(queued.id(), key, "CREPO", "hi", null, 1, CREATED, false, null),
                claimed);
        assertEquals(Optional.empty(), db.transaction(() -> repository.claim(due, "other", now, now.plusSeconds(
                120))), "taken once");

        // A retry: no ts and no new time; both columns keep their values.
        assertTrue(db.transaction(() -> repository.recordResult(claimed, "me", "pending", null, "boom", null, now)));
        OutboxEntry retried = entry(key);
        assertEquals(CREATED, retried.nextAttemptAt());
        assertNull(retried.slackTs());
        assertNull(retried.sentAt());
        assertEquals("boom", retried.lastError());
        assertFalse(db.transaction(() -> repository.recordResult(claimed, "me", "pending", null, null, null, now)),
                "the claim was released");

        OutboxRepository.Claimed again = db.transaction(() -> repository.claim(due, "me", now, now.plusSeconds(
                120))).orElseThrow();
        Instant sentAt = now.plusSeconds(2);
        assertTrue(db.transaction(() -> repository.recordResult(again, "me", "sent", "1.0002", null, null, sentAt)));
        OutboxEntry sent = entry(key);
        assertEquals("sent", sent.status());
        assertEquals(2, sent.attempts());
        assertEquals(sentAt, sent.sentAt());
        assertEquals("1.0002", sent.slackTs());
        assertNull(sent.lastError());
        assertFalse(db.transaction(() -> repository.due(sentAt, 1000)).contains(new OutboxRepository.Due(sent.id(),
                "sent")));
    }

    @Test
    void anUnknownOutcomeLeavesTheRowSendingUntilTheRetryTime() {
        String key = "obx-repo:unknown";
        db.transaction(() -> repository.insert(key, "t", "note", new ChatMessage("CREPO", "hi", "[]"), null,
                CREATED));
        OutboxRepository.Due due = new OutboxRepository.Due(entry(key).id(), "pending");
        Instant now = CREATED.plusSeconds(1);
        OutboxRepository.Claimed c = db.transaction(() -> repository.claim(due, "me", now, now.plusSeconds(120)))
                .orElseThrow();
        Instant retryAt = now.plusSeconds(5);
        db.transaction(() -> repository.recordUnknown(c, "me", "x".repeat(1200), retryAt));
        OutboxEntry e = entry(key);
        assertEquals("sending", e.status());
        assertEquals(retryAt, e.nextAttemptAt());
        assertEquals(1000, e.lastError().length(), "cut to the column");
        List<OutboxRepository.Due> later = db.transaction(() -> repository.due(retryAt.plusNanos(1000), 1000));
        assertTrue(later.contains(new OutboxRepository.Due(e.id(), "sending")));
        assertTrue(db.transaction(() -> repository.claim(new OutboxRepository.Due(e.id(), "sending"), "me",
                retryAt.plusNanos(1000), retryAt.plusSeconds(120))).orElseThrow().unknownOutcome());
    }

    @Test
    void enqueueOutsideATransactionIsRefusedAndLeavesNothing() {
        assertThrows(IllegalStateException.class, () -> outbox.enqueue("obx-repo:no-tx", "t", "note",
                new ChatMessage("CREPO", "hi", null)));
        assertEquals(Optional.empty(), db.one("SELECT id FROM outbox_message WHERE dedup_key = ?",
                rs -> rs.getLong(1), "obx-repo:no-tx"));
    }
}
