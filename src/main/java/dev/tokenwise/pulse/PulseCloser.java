package dev.tokenwise.pulse;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes pulse weeks: deletes the person-week tokens of every week that has ended, so that afterwards only the week's
 * counts remain (docs/contract.md §9.9). Answers to a closed week are refused whether or not this has run yet.
 */
@ApplicationScoped
public class PulseCloser {

    private static final Logger LOG = Logger.getLogger(PulseCloser.class);

    private final PulseRepository repository;
    private final Db db;
    private final Clock clock;

    public PulseCloser(PulseRepository repository, Db db, Clock clock) {
        this.repository = repository;
        this.db = db;
        this.clock = clock;
    }

    @Scheduled(every = "${tokenwise.pulse.every}", concurrentExecution = SKIP, identity = "pulse-close")
    void run() {
        close();
    }

    /** Deletes the tokens of closed weeks; returns how many. */
    public int close() {
        int n = db.newTransaction(() -> repository.deleteClosedTokens(clock.instant()));
        if (n > 0) {
            LOG.infof("Pulse: %d answer token(s) of closed weeks deleted", n);
        }
        return n;
    }
}
