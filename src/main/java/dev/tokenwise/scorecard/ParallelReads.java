package dev.tokenwise.scorecard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the independent parts of one answer at once (cost, flow and the keys, AI impact, reliability), each read on a
 * pooled connection of its own. A scorecard is some thirty short queries, and waiting for their round trips one after
 * another, not the database's work, was most of its time. The parts only read committed rows, as each statement did
 * before (they never ran in one snapshot), so running them apart changes no figure.
 * <p>
 * A pool of its own, bounded, rather than the request workers: a request waits for its parts, and parts queued behind
 * requests that wait for them could never run.
 */
@ApplicationScoped
public class ParallelReads {

    /** Two per core, at least four: the parts mostly wait for the database. */
    private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ExecutorService pool;

    public ParallelReads() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "scorecard-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a part; {@link #join} waits for it. */
    public <T> CompletableFuture<T> start(Supplier<T> part) {
        return CompletableFuture.supplyAsync(part, pool);
    }

    /** The part's result; its failure is thrown as it was thrown, so error handling sees no difference. */
    public static <T> T join(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
