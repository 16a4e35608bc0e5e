package dev.tokenwise.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.tokenwise.chat.ChatMessage;

/** Writes messages into the outbox; a unique dedup key makes a second enqueue of the same thing a no-op. */
@ApplicationScoped
public class OutboxService implements Outbox {

    private final EntityManager em;
    private final Clock clock;

    public OutboxService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Note: ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode) keeps a concurrent duplicate
        // from failing the caller's transaction, which a unique-violation exception would.
        int inserted = em.createNativeQuery("INSERT INTO outbox_message (dedup_key, team_id, kind, channel, text, "
                + "blocks_json, status, attempts, next_attempt_at, created_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7) ON CONFLICT DO NOTHING")
                .setParameter(1, dedupKey).setParameter(2, teamId).setParameter(3, kind)
                .setParameter(4, message.channel()).setParameter(5, message.text())
                .setParameter(6, message.blocksJson()).setParameter(7, now)
                .executeUpdate();
        return inserted == 1;
    }
}
