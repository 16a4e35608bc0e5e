package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tokenwise.common.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Group commit for ingest: request threads hand over their validated events and wait; a few writer threads take
 * everything that queued up meanwhile and store it in one transaction, then answer each request with its own
 * counts. Under load many small requests share a commit; a lone request is written at once. Each request is
 * answered only after the transaction holding its events committed.
 */
@ApplicationScoped
public class UsageWriter {

    private static final Logger LOG = Logger.getLogger(UsageWriter.class);
    private static final int MAX_ATTEMPTS = 4;

    private record Pending(List<UsageEvent> events, CompletableFuture<IngestResult> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DataSource dataSource;
    private final UsageStore store;
    private final MeterRegistry registry;
    private final int writers;
    private final int maxGroupEvents;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public UsageWriter(DataSource dataSource, UsageStore store, MeterRegistry registry, IngestConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.registry = registry;
        this.writers = Math.max(1, config.writers());
        this.maxGroupEvents = Math.max(1, config.maxGroupEvents());
    }

    void start(@Observes StartupEvent ev) {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::loop, "usage-writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        threads.forEach(Thread::interrupt);
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    /** Stores the events (duplicates by key are skipped) and returns once they are committed. */
    public IngestResult write(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return new IngestResult(0, 0);
        }
        if (!running) {
            throw unavailable();
        }
        Pending p = new Pending(events, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.done().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            if (refusedValue(e.getCause())) {
                // A value the database refuses is refused again on every retry: a 503 would have the client retry
                // forever. Validation is meant to catch every such value first; this is the fault of ours it misses.
                throw new ProblemException(500, "server-error", "Internal Server Error", "The events could not be "
                        + "stored: the database refused a value. Nothing was committed; retrying the same request "
                        + "will not help.");
            }
            throw unavailable();
        } catch (TimeoutException e) {
            // Note: the events may still commit after a timeout; a client retry is then reported as duplicates.
            throw unavailable();
        }
    }

    /**
     * Whether the database refused a value (SQLState class 22, data exception: too long, out of range, a character
     * it cannot hold; or class 23, a constraint, other than the unique-key race a retry resolves): no retry helps.
     */
    static boolean refusedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException q ? q : null; s != null; s = s.getNextException()) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23") && !state.equals("23505"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "ingest-unavailable", "Service Unavailable",
                "The events could not be stored; nothing was committed for this request unless a retry reports them "
                        + "as duplicates. Retry later.");
    }

    private void loop() {
        Pending carry = null;
        while (running) {
            try {
                Pending first = carry != null ? carry : queue.take();
                carry = null;
                List<Pending> group = new ArrayList<>();
                group.add(first);
                int n = first.events().size();
                Pending next;
                while (n < maxGroupEvents && (next = queue.poll()) != null) {
                    if (n + next.events().size() > maxGroupEvents) {
                        carry = next;
                        break;
                    }
                    group.add(next);
                    n += next.events().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("usage writer loop failed", e);
            }
        }
    }

    private void commit(List<Pending> group) {
        List<UsageEvent> all = new ArrayList<>();
        group.forEach(p -> all.addAll(p.events()));
        boolean[] stored = null;
        RuntimeException failure = null;
        long t0 = System.nanoTime();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && stored == null; attempt++) {
            try {
                stored = writeAndCommit(all);
            } catch (RuntimeException e) {
                failure = e;
                if (!transientFailure(e)) {
                    break;
                }
                LOG.debugf("usage batch retried after a transient failure (attempt %d)", attempt);
            }
        }
        if (stored == null && group.size() > 1 && !transientFailure(failure)) {
            // Note: one request's bad data must not fail the others that happened to share its transaction.
            group.forEach(p -> commit(List.of(p)));
            return;
        }
        if (stored == null) {
            RuntimeException cause = failure;
            LOG.error("usage batch of " + all.size() + " events failed", cause);
            group.forEach(p -> p.done().completeExceptionally(cause));
            return;
        }
        registry.timer("tokenwise.ingest.group.commit").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        registry.summary("tokenwise.ingest.group.requests").record(group.size());
        int i = 0;
        Map<String, Integer> bySource = new HashMap<>();
        for (Pending p : group) {
            int accepted = 0;
            for (UsageEvent e : p.events()) {
                if (stored[i++]) {
                    accepted++;
                    bySource.merge(e.source(), 1, Integer::sum);
                }
            }
            p.done().complete(new IngestResult(accepted, p.events().size() - accepted));
        }
        bySource.forEach((source, count) -> registry.counter("tokenwise.ingested.events", "source", source)
                .increment(count));
    }

    /**
     * One plain JDBC transaction, committed here: the group commit is the whole transaction, so the JTA machinery
     * (begin, enlistment, timeout reaper, completion) is CPU the hot path does without on a busy host. On PostgreSQL
     * the whole write is one auto-committed statement. Durability is unchanged: the requests are answered only after
     * the commit returned.
     */
    private boolean[] writeAndCommit(List<UsageEvent> all) {
        List<Runnable> afterCommit = new ArrayList<>();
        boolean[] stored;
        try (Connection c = dataSource.getConnection()) {
            if (store.writesInOneStatement()) {
                // A single statement in auto-commit is its own transaction: it returns once committed, and the
                // separate COMMIT round trip is saved.
                c.setAutoCommit(true);
                stored = store.write(c, all, afterCommit);
            } else {
                c.setAutoCommit(false);
                try {
                    stored = store.write(c, all, afterCommit);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage batch failed", e);
        }
        afterCommit.forEach(Runnable::run);
        return stored;
    }

    /** Deadlocks, serialization failures and unique-key races between replicas: worth a retry of the whole batch. */
    public static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("40") || state.equals("23505") || state.equals("HYT00")
                        || s.getErrorCode() == 90131) {
                    return true;
                }
            }
        }
        return false;
    }
}
