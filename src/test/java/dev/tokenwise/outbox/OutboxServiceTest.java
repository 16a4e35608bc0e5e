package dev.tokenwise.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxServiceTest {

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Test
    void aSecondEnqueueOfTheSameKeyChangesNothing() {
        ChatMessage m = new ChatMessage("C0123", "hello", null);
        assertTrue(db.newTransaction(() -> outbox.enqueue("test:outbox:1", "t", "note", m)));
        assertFalse(db.newTransaction(() -> outbox.enqueue("test:outbox:1", "t", "note",
                new ChatMessage("C0999", "other", null))));
        Object[] row = db.one("SELECT channel, text, status FROM outbox_message WHERE dedup_key = 'test:outbox:1'",
                rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3) }).orElseThrow();
        assertEquals("C0123", row[0]);
        assertEquals("hello", row[1]);
        assertEquals("pending", row[2]);
    }
}
