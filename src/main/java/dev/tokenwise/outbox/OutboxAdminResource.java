package dev.tokenwise.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import dev.tokenwise.common.QueryParams;
import dev.tokenwise.common.security.AdminAuth;

/** {@code GET /api/admin/outbox}: messages posted or waiting, newest first (what the console adapter "sent"). */
@Path("/api/admin/outbox")
@AdminAuth
public class OutboxAdminResource {

    /** One outbox message as the admin API shows it. */
    public record Entry(long id, String dedupKey, String team, String kind, String channel, String text,
            String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String slackTs,
            String lastError) {
    }

    private final EntityManager em;

    public OutboxAdminResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Entry> list(@QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
        List<Object[]> rows = em.createNativeQuery("SELECT id, dedup_key, team_id, kind, channel, text, status, "
                + "attempts, created_at, next_attempt_at, sent_at, slack_ts, last_error FROM outbox_message "
                + "ORDER BY created_at DESC, id DESC").setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], ((Number) r[7]).intValue(),
                OutboxSender.instant(r[8]), OutboxSender.instant(r[9]), OutboxSender.instant(r[10]), (String) r[11],
                (String) r[12])).toList();
    }
}
