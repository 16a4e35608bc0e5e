package dev.tokenwise.outbox;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.LookupResult;
import dev.tokenwise.chat.PostResult;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.OutboxRepository.Claimed;
import dev.tokenwise.outbox.OutboxRepository.Due;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends {@code outbox_message} rows through the {@link ChatPort}, once.
 * <p>
 * <b>Claims.</b> A row is taken with one conditional UPDATE ({@code status='pending' AND next_attempt_at <= now},
 * or {@code status='sending' AND claimed_until < now} for a row whose sender died) that sets {@code claimed_by} and
 * {@code claimed_until}; the row lock makes a second replica's identical UPDATE match nothing, on PostgreSQL and
 * H2 alike. The row is 'sending' <em>before</em> the HTTP call: the claim, the call and the recorded result are
 * three steps, and the claim and the result each commit on their own.
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
 * <b>Files.</b> A message with a file (the digest's chart) has it uploaded and shared first, resumably
 * ({@link OutboxFiles}); the message is posted once the file is shared.
 * <p>
 * <b>When.</b> Right after a commit that enqueued something ({@link OutboxSendTrigger}) and every
 * {@code tokenwise.outbox.poll-every} (retries, restarts, other replicas' rows).
 */
@Singleton
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    private final Db db;
    private final OutboxRepository repository;
    private final ChatPort chat;
    private final Clock clock;
    private final OutboxConfig settings;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private volatile Instant pausedUntil = Instant.MIN;

    private final OutboxFiles files;

    public OutboxSender(Db db, OutboxRepository repository, ChatPort chat, Clock clock, OutboxConfig settings) {
        this.files = new OutboxFiles(db, repository, chat);
        this.db = db;
        this.repository = repository;
        this.chat = chat;
        this.clock = clock;
        this.settings = settings;
    }

    /** Asks for a send round soon, off the caller's thread; kicks arriving meanwhile fold into one round. */
    public void kick() {
        LOG.debugf("Outbox kick (pending %s)", kickPending.get());
        if (kickPending.compareAndSet(false, true)) {
            kicker.submit(() -> {
                kickPending.set(false);
                try {
                    int n = sendDue();
                    LOG.debugf("Outbox round: %d sent", n);
                } catch (RuntimeException e) {
                    LOG.warnf("Outbox send round failed: %s", e.getMessage());
                }
            });
        }
    }

    @Scheduled(every = "${tokenwise.outbox.poll-every}", concurrentExecution = SKIP, identity = "outbox-poll")
    void poll() {
        kick();
    }

    /**
     * Sends every row that is due now; returns how many were posted (or found already posted). Safe to call
     * from several threads and replicas at once.
     */
    public int sendDue() {
        int sent = 0;
        while (true) {
            if (clock.instant().isBefore(pausedUntil)) {
                return sent;
            }
            List<Due> due = db.newTransaction(() -> repository.due(clock.instant(), settings.batchSize()));
            if (due.isEmpty()) {
                return sent;
            }
            int claimedAny = 0;
            for (Due row : due) {
                if (clock.instant().isBefore(pausedUntil)) {
                    return sent;
                }
                Optional<Claimed> claimed = db.newTransaction(() -> {
                    Instant now = clock.instant();
                    return repository.claim(row, owner, now, now.plus(settings.lease()));
                });
                if (claimed.isEmpty()) {
                    continue;
                }
                claimedAny++;
                if (send(claimed.get())) {
                    sent++;
                }
            }
            if (claimedAny == 0) {
                return sent;
            }
        }
    }

    /** One attempt for a claimed row; true when the message is (now known to be) in the channel. */
    boolean send(Claimed c) {
        if (c.file() != null) {
            PostResult f = files.deliver(c, owner);
            if (!f.ok()) {
                failed(c, f);
                return false;
            }
        }
        if (c.unknownOutcome()) {
            // Since created_at minus a margin for clock skew between us and Slack.
            Instant since = c.createdAt().minus(Duration.ofMinutes(10));
            LookupResult found = chat.findPosted(c.channel(), c.dedupKey(), since);
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
        failed(c, r);
        return false;
    }

    /** Records a failed attempt: wait out a rate limit, look first after an unknown outcome, else back off or fail. */
    private void failed(Claimed c, PostResult r) {
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
        LOG.debugf("Outbox %s attempt %d: %s", c.dedupKey(), c.attempts(), r.error());
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
        db.newTransaction(() -> {
            if (!repository.recordResult(c, owner, status, ts, error, nextAttempt, clock.instant())) {
                LOG.warnf("Outbox %s: our claim had expired before the result (%s) was recorded", c.dedupKey(),
                        status);
            }
        });
    }

    /** Leaves the row 'sending' with an expired-by-then claim, so the next attempt looks before it posts. */
    private void finishUnknown(Claimed c, String error) {
        Instant retryAt = clock.instant().plus(backoff(c.attempts()));
        db.newTransaction(() -> repository.recordUnknown(c, owner, error, retryAt));
    }

    @PreDestroy
    void close() {
        kicker.shutdownNow();
    }
}
