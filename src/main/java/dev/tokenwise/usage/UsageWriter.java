package dev.tokenwise.usage;

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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Group commit for ingest, the one write path of every source (JSON, LiteLLM, OTLP): request threads hand over
 * their validated events and wait; a few writer threads take everything that queued up meanwhile and store it in
 * one transaction, then answer each request with its own counts. Under load many small requests share a commit; a
 * lone request is written at once. Each request is answered only after the transaction holding its events
 * committed.
 */
@ApplicationScoped
public class UsageWriter {

    private static final Logger LOG = Logger.getLogger(UsageWriter.class);

    /**
     * A request's own part of the group's transaction, for a source whose events depend on state that must commit
     * with them (OTLP's cumulative series: the point a series last counted is read, locked and moved on in the same
     * transaction that stores the events it produced, or neither happens). It runs inside the group's transaction,
     * before the group's events are written, and returns this request's events. It runs again whenever the
     * transaction is retried or the group is split, always on a fresh transaction (whatever it wrote before was
     * rolled back), so it must read its state again each time rather than keep it.
     */
    @FunctionalInterface
    public interface InTransaction {
        List<UsageEvent> events();
    }

    /**
     * A request: its {@code events} when they are known up front (null for a step), the work that yields them in the
     * transaction, and what it weighs in a group ({@code size}: its events, or its points for a step).
     */
    private record Pending(List<UsageEvent> events, InTransaction work, int size,
            CompletableFuture<IngestResult> done) {
    }

    /** What one group transaction wrote: each request's events and, for all of them in order, which were new. */
    private record Written(List<List<UsageEvent>> perRequest, boolean[] stored) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Db db;
    private final UsageRepository store;
    private final MeterRegistry registry;
    private final int writers;
    private final int maxGroupEvents;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public UsageWriter(Db db, UsageRepository store, MeterRegistry registry, IngestConfig config) {
        this.db = db;
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
        List<UsageEvent> fixed = List.copyOf(events);
        return enqueue(new Pending(fixed, () -> fixed, fixed.size(), new CompletableFuture<>()));
    }

    /**
     * Stores the events that {@code work} produces inside the group's transaction (see {@link InTransaction}) and
     * returns once they and whatever {@code work} wrote are committed.
     */
    public IngestResult write(InTransaction work, int size) {
        return enqueue(new Pending(null, work, Math.max(1, size), new CompletableFuture<>()));
    }

    private IngestResult enqueue(Pending p) {
        if (!running) {
            throw unavailable();
        }
        queue.add(p);
        try {
            return p.done().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            // Note: the events may still commit after a timeout; a client retry is then reported as duplicates.
            throw unavailable();
        }
    }

    /**
     * The answer to a write that failed: a value the database refuses is refused again on every retry, so a 503 would
     * have the client retry forever; it is a 500 (validation is meant to catch every such value first: this is the
     * fault of ours it misses). Anything else may pass on a retry: 503.
     */
    public static ProblemException failure(Throwable cause) {
        if (refusedValue(cause)) {
            return new ProblemException(500, "server-error", "Internal Server Error", "The events could not be "
                    + "stored: the database refused a value. Nothing was committed; retrying the same request "
                    + "will not help.");
        }
        return unavailable();
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
                int n = first.size();
                Pending next;
                while (n < maxGroupEvents && (next = queue.poll()) != null) {
                    if (n + next.size() > maxGroupEvents) {
                        carry = next;
                        break;
                    }
                    group.add(next);
                    n += next.size();
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
        long t0 = System.nanoTime();
        Written written = alone(group);
        try {
            if (written == null) {
                written = db.retrying(() -> writeGroup(group));
            }
        } catch (RuntimeException failure) {
            if (group.size() > 1 && !Db.isTransient(failure)) {
                // Note: one request's bad data must not fail the others that happened to share its transaction.
                group.forEach(p -> commit(List.of(p)));
                return;
            }
            LOG.error("usage batch of " + group.size() + " request(s) failed", failure);
            group.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        registry.timer("tokenwise.ingest.group.commit").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        registry.summary("tokenwise.ingest.group.requests").record(group.size());
        int i = 0;
        Map<String, Integer> bySource = new HashMap<>();
        for (int r = 0; r < group.size(); r++) {
            List<UsageEvent> events = written.perRequest().get(r);
            int accepted = 0;
            for (UsageEvent e : events) {
                if (written.stored()[i++]) {
                    accepted++;
                    bySource.merge(e.source(), 1, Integer::sum);
                }
            }
            group.get(r).done().complete(new IngestResult(accepted, events.size() - accepted));
        }
        bySource.forEach((source, count) -> registry.counter("tokenwise.ingested.events", "source", source)
                .increment(count));
    }

    /**
     * The group in one auto-committed statement, when the store has one (PostgreSQL) and no request has work of its
     * own: the commit is then a single round trip. Null when the group must be written in a transaction instead:
     * some events were stored already, or the statement failed (the transaction reports, retries or splits that).
     */
    private Written alone(List<Pending> group) {
        if (!store.writesInOneStatement() || group.stream().anyMatch(p -> p.events() == null)) {
            return null;
        }
        List<List<UsageEvent>> perRequest = group.stream().map(Pending::events).toList();
        try {
            boolean[] stored = store.writeAlone(perRequest.stream().flatMap(List::stream).toList());
            return stored == null ? null : new Written(perRequest, stored);
        } catch (RuntimeException e) {
            LOG.debugf("usage batch written again in a transaction after: %s", e.getMessage());
            return null;
        }
    }

    /** The group's transaction: each request's own work, then all the events in one write. */
    private Written writeGroup(List<Pending> group) {
        List<List<UsageEvent>> perRequest = new ArrayList<>(group.size());
        List<UsageEvent> all = new ArrayList<>();
        for (Pending p : group) {
            List<UsageEvent> events = p.work().events();
            perRequest.add(events);
            all.addAll(events);
        }
        return new Written(perRequest, all.isEmpty() ? new boolean[0] : store.write(all));
    }
}
