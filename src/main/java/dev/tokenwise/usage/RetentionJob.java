package dev.tokenwise.usage;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes raw usage events older than the retention period ({@code tokenwise.ingest.retention-days}, default 90)
 * in bounded batches, each its own short transaction, so that ingest is never blocked for long. The rollups stay:
 * figures for older periods remain available. OTLP series state and GitHub delivery ids of the same age go too.
 * Idempotent, so several replicas may run it.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final Db db;
    private final Clock clock;
    private final int retentionDays;
    private final int batchSize;

    public RetentionJob(Db db, Clock clock, IngestConfig config) {
        this.db = db;
        this.clock = clock;
        this.retentionDays = config.retentionDays();
        this.batchSize = Math.max(1, config.retentionBatch());
    }

    /** The oldest instant whose raw events are kept. */
    public Instant cutoff() {
        return clock.instant().minus(Duration.ofDays(retentionDays));
    }

    @Scheduled(every = "${tokenwise.ingest.retention-every:1h}", delayed = "5m", concurrentExecution = SKIP)
    void scheduled() {
        run();
    }

    /** Deletes what is past retention; returns the number of raw events deleted. */
    public long run() {
        Instant cutoff = cutoff();
        long total = 0;
        int deleted;
        do {
            deleted = db.newTransaction(() -> db.update(
                    "DELETE FROM usage_event WHERE id IN (SELECT id FROM usage_event WHERE occurred_at < ? LIMIT ?)",
                    cutoff, batchSize));
            total += deleted;
        } while (deleted >= batchSize);
        // Cumulative series silent for the whole retention period are forgotten too, and so are the ids of GitHub
        // deliveries received before it: GitHub redelivers for days, not months, so the dedup table need not grow.
        db.newTransaction(() -> db.update("DELETE FROM otlp_series WHERE updated_at < ?", cutoff));
        // Which source counts a session (docs/contract.md §5.6) matters while its exports still arrive; a session
        // that began before the retention period is long over.
        db.newTransaction(() -> db.update("DELETE FROM agent_session_source WHERE updated_at < ?", cutoff));
        db.newTransaction(() -> db.update("DELETE FROM github_delivery WHERE received_at < ?", cutoff));
        if (total > 0) {
            LOG.infof("retention: deleted %d raw usage events older than %s", total, cutoff);
        }
        return total;
    }
}
