package dev.tokenwise.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads and rigs outbox rows in tests (its own transactions). */
@ApplicationScoped
public class OutboxRows {

    public record Row(String status, int attempts, String claimedBy, String slackTs, String lastError) {
    }

    private final EntityManager em;

    public OutboxRows(EntityManager em) {
        this.em = em;
    }

    public Row row(String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var list = em.createNativeQuery("SELECT status, attempts, claimed_by, slack_ts, last_error FROM "
                    + "outbox_message WHERE dedup_key = ?1").setParameter(1, key).getResultList();
            if (list.isEmpty()) {
                return null;
            }
            Object[] r = (Object[]) list.get(0);
            return new Row((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4]);
        });
    }

    public long count(String keyPrefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM outbox_message WHERE dedup_key LIKE ?1").setParameter(1, keyPrefix + "%")
                .getSingleResult()).longValue());
    }

    public void execute(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }
}
