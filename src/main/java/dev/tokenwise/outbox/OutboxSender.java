package dev.tokenwise.outbox;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.LookupResult;
import dev.tokenwise.chat.PostResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers {@code outbox_message} rows through the {@link ChatPort}, once.
 * <p>
 * <b>Claims.</b> A row is taken with one conditional UPDATE ({@code status='pending' AND next_attempt_at <= now},
 * or {@code status='sending' AND claimed_until < now} for a row whose sender died) that sets {@code claimed_by} and
 * {@code claimed_until}; the row lock makes a second replica's identical UPDATE match nothing, on PostgreSQL and
 * H2 alike. The row is 'sending' <em>before</em> the HTTP call.
 * <p>
 * <b>Never twice.</b> Every post carries Slack message metadata {@code tokenwise_post {dedup_key}}. A row whose
 * last attempt has an unknown outcome (its sender died mid-call, the call timed out, Slack answered 5xx) stays
 * 'sending'; before it is tried again, conversations.history is searched for that metadata, and a hit marks the
 * row sent without posting. Remaining window: if that lookup itself is refused for good (e.g. the
 * {@code channels:history} scope is missing), the message is posted again, so it may appear twice, and this is logged.
 * <p>
 * <b>Retries.</b> Exponential back-off from {@code backoff-base} to {@code backoff-max}; HTTP 429 waits the
 * Retry-After and pauses this replica's sending meanwhile. Outages are retried until Slack takes the message;
 * only permanent refusals give up after {@code max-attempts} ('failed', with {@code last_error}).
 * <p>
 * <b>When.</b> Right after a commit that enqueued something ({@link OutboxSendTrigger}) and every
 * {@code tokenwise.outbox.poll-every} (retries, restarts, other replicas' rows).
 */
@Singleton
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    /** A claimed row. {@code unknownOutcome}: a previous attempt may have posted it. */
    record Claimed(long id, String dedupKey, String channel, String text, String blocksJson, int attempts,
            Instant createdAt, boolean unknownOutcome) {
    }

    private final EntityManager em;
    private final ChatPort chat;
    private final Clock clock;
    private final OutboxSettings settings;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private volatile Instant pausedUntil = Instant.MIN;

    public OutboxSender(EntityManager em, ChatPort chat, Clock clock, OutboxSettings settings) {
        this.em = em;
        this.chat = chat;
        this.clock = clock;
        this.settings = settings;
    }

    /** Asks for a delivery round soon, off the caller's thread; kicks arriving meanwhile fold into one round. */
    public void kick() {
        LOG.debugf("Outbox kick (pending %s)", kickPending.get());
        if (kickPending.compareAndSet(false, true)) {
            kicker.submit(() -> {
                kickPending.set(false);
                try {
                    int n = deliverDue();
                    LOG.debugf("Outbox round: %d delivered", n);
                } catch (RuntimeException e) {
                    LOG.warnf("Outbox delivery round failed: %s", e.getMessage());
                }
            });
        }
    }

    @Scheduled(every = "${tokenwise.outbox.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "outbox-poll")
    void poll() {
        kick();
    }

    /**
     * Delivers every row that is due now; returns how many were posted (or found already posted). Safe to call
     * from several threads and replicas at once.
     */
    public int deliverDue() {
        int delivered = 0;
        while (true) {
            if (clock.instant().isBefore(pausedUntil)) {
                return delivered;
            }
            List<Object[]> due = QuarkusTransaction.requiringNew().call(this::dueRows);
            if (due.isEmpty()) {
                return delivered;
            }
            int claimedAny = 0;
            for (Object[] row : due) {
                if (clock.instant().isBefore(pausedUntil)) {
                    return delivered;
                }
                Claimed c = QuarkusTransaction.requiringNew().call(() -> claim(((Number) row[0]).longValue(),
                        (String) row[1]));
                if (c == null) {
                    continue;
                }
                claimedAny++;
                if (deliver(c)) {
                    delivered++;
                }
            }
            if (claimedAny == 0) {
                return delivered;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> dueRows() {
        OffsetDateTime now = now();
        return em.createNativeQuery("SELECT id, status FROM outbox_message WHERE (status = 'pending' AND "
                + "next_attempt_at <= ?1) OR (status = 'sending' AND claimed_until < ?1) ORDER BY id")
                .setParameter(1, now).setMaxResults(settings.batchSize()).getResultList();
    }

    private Claimed claim(long id, String observedStatus) {
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(settings.lease());
        String condition = "pending".equals(observedStatus) ? "status = 'pending' AND next_attempt_at <= ?3"
                : "status = 'sending' AND claimed_until < ?3";
        int n = em.createNativeQuery("UPDATE outbox_message SET status = 'sending', claimed_by = ?1, "
                + "claimed_until = ?2, attempts = attempts + 1 WHERE id = ?4 AND " + condition)
                .setParameter(1, owner).setParameter(2, until).setParameter(3, now).setParameter(4, id)
                .executeUpdate();
        if (n != 1) {
            return null;
        }
        Object[] r = (Object[]) em.createNativeQuery("SELECT dedup_key, channel, text, blocks_json, attempts, "
                + "created_at FROM outbox_message WHERE id = ?1").setParameter(1, id).getSingleResult();
        return new Claimed(id, (String) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                instant(r[5]), "sending".equals(observedStatus));
    }

    /** One attempt for a claimed row; true when the message is (now known to be) in the channel. */
    boolean deliver(Claimed c) {
        if (c.unknownOutcome()) {
            // Since created_at minus a margin for clock skew between us and Slack.
            LookupResult found = chat.findPosted(c.channel(), c.dedupKey(), c.createdAt().minus(Duration.ofMinutes(10)));
            switch (found.status()) {
                case FOUND -> {
                    LOG.infof("Outbox %s was already posted (ts %s); not posting again", c.dedupKey(), found.ts());
                    finish(c, "sent", found.ts(), null, null);
                    return true;
                }
                case FAILED -> {
                    if (found.retryable()) {
                        // Still unknown: keep it 'sending' and look again later.
                        finishUnknown(c, "history lookup: " + found.error());
                        return false;
                    }
                    LOG.warnf("Outbox %s: cannot look up whether it was posted (%s); posting again, which may "
                            + "duplicate it", c.dedupKey(), found.error());
                }
                case NOT_FOUND -> {
                    // Not in the channel: post below.
                }
            }
        }
        PostResult r = chat.post(new ChatMessage(c.channel(), c.text(), c.blocksJson()), c.dedupKey());
        if (r.ok()) {
            finish(c, "sent", r.ts(), null, null);
            return true;
        }
        if (r.retryAfter() != null) {
            pausedUntil = clock.instant().plus(r.retryAfter());
            LOG.infof("Slack rate limit: waiting %ss before posting again", r.retryAfter().toSeconds());
            finish(c, "pending", null, r.error(), clock.instant().plus(r.retryAfter()));
        } else if (r.outcomeUnknown()) {
            finishUnknown(c, r.error());
        } else if (r.retryable() || c.attempts() < settings.maxAttempts()) {
            finish(c, "pending", null, r.error(), clock.instant().plus(backoff(c.attempts())));
        } else {
            LOG.errorf("Outbox %s failed for good after %d attempts: %s", c.dedupKey(), c.attempts(), r.error());
            finish(c, "failed", null, r.error(), null);
        }
        if (!r.ok()) {
            LOG.debugf("Outbox %s attempt %d: %s", c.dedupKey(), c.attempts(), r.error());
        }
        return false;
    }

    /** Forgets a rate-limit pause (tests that move the clock backwards between cases). */
    void resetPause() {
        pausedUntil = Instant.MIN;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = settings.backoffBase().multipliedBy(factor);
        return d.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : d;
    }

    private void finish(Claimed c, String status, String ts, String error, Instant nextAttempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            int n = em.createNativeQuery("UPDATE outbox_message SET status = ?1, slack_ts = COALESCE(?2, slack_ts), "
                    + "sent_at = CASE WHEN ?1 = 'sent' THEN ?3 ELSE sent_at END, last_error = ?4, "
                    + "next_attempt_at = COALESCE(?5, next_attempt_at), claimed_by = NULL, claimed_until = NULL "
                    + "WHERE id = ?6 AND claimed_by = ?7")
                    .setParameter(1, status).setParameter(2, ts).setParameter(3, now())
                    .setParameter(4, truncate(error)).setParameter(5, nextAttempt == null ? null : at(nextAttempt))
                    .setParameter(6, c.id()).setParameter(7, owner).executeUpdate();
            if (n != 1) {
                LOG.warnf("Outbox %s: our claim had expired before the result (%s) was recorded", c.dedupKey(),
                        status);
            }
        });
    }

    /** Leaves the row 'sending' with an expired-by-then claim, so the next attempt looks before it posts. */
    private void finishUnknown(Claimed c, String error) {
        OffsetDateTime retryAt = at(clock.instant().plus(backoff(c.attempts())));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE outbox_message SET "
                + "claimed_by = NULL, claimed_until = ?1, next_attempt_at = ?1, last_error = ?2 WHERE id = ?3 AND "
                + "claimed_by = ?4").setParameter(1, retryAt).setParameter(2, truncate(error))
                .setParameter(3, c.id()).setParameter(4, owner).executeUpdate());
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("Unexpected timestamp type " + o.getClass());
    }

    @PreDestroy
    void close() {
        kicker.shutdownNow();
    }
}
