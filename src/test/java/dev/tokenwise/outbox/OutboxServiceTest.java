package dev.tokenwise.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.tokenwise.chat.ChatMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxServiceTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Test
    void aSecondEnqueueOfTheSameKeyChangesNothing() {
        ChatMessage m = new ChatMessage("C0123", "hello", null);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue("test:outbox:1", "t", "note", m)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue("test:outbox:1", "t", "note",
                new ChatMessage("C0999", "other", null))));
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT channel, text, status FROM outbox_message WHERE dedup_key = 'test:outbox:1'").getSingleResult());
        assertEquals("C0123", row[0]);
        assertEquals("hello", row[1]);
        assertEquals("pending", row[2]);
    }
}
