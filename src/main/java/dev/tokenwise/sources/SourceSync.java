package dev.tokenwise.sources;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.usage.IngestConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the pulled sources (docs/contract.md §5.7): from the day after a source's cursor ({@code covered_through})
 * through yesterday (UTC), one day at a time, moving the cursor after each stored day. After downtime the next run
 * therefore backfills every missed day; a source's first run fetches {@code initial-days}. A day is stored in place
 * of what was stored for it before (each source's own transaction), so a retry, a re-fetch or a run cut short
 * never counts a day twice.
 * <p>
 * Of several replicas, or a schedule and an admin's request at once, one fetches: a run first takes the source's
 * lease in the database ({@link SourceStateRepository#claim}); a run that finds it held does nothing. A failed run
 * is recorded ({@code last_error}) and the schedule waits {@code backoff-base} × 2^(failures − 1), at most
 * {@code backoff-max}, before trying again; a sync on demand does not wait.
 */
@ApplicationScoped
public class SourceSync {

    private static final Logger LOG = Logger.getLogger(SourceSync.class);
    /** The most days one run fetches (a year of reports is all GitHub keeps). */
    static final int MAX_DAYS = 366;

    /** What one run did. */
    public record Outcome(String source, Status status, int daysSynced, LocalDate coveredThrough, String error) {
    }

    public enum Status {
        /** Every due day fetched (or none was due, or the upstream had not published the next one yet). */
        SYNCED,
        /** Another run holds the source. */
        BUSY,
        /** The source has no credentials. */
        OFF,
        /** The upstream failed; what was stored before the failure stays. */
        FAILED
    }

    private final Map<String, PulledSource> sources;
    private final SourceStateRepository states;
    private final SourcesConfig config;
    private final SecretsRedactor redactor;
    private final AuditLog audit;
    private final int retentionDays;
    private final Db db;
    private final Clock clock;
    /** This replica; each run's lease owner adds a run number, so two runs here exclude each other too. */
    private final String replica = "replica-" + UUID.randomUUID();
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    public SourceSync(Instance<PulledSource> all, SourceStateRepository states, SourcesConfig config,
            SecretsRedactor redactor, AuditLog audit, IngestConfig ingest, Db db, Clock clock) {
        this.audit = audit;
        this.retentionDays = ingest.retentionDays();
        this.sources = all.stream().collect(Collectors.toMap(PulledSource::name, Function.identity(), (a, b) -> a,
                java.util.TreeMap::new));
        this.states = states;
        this.config = config;
        this.redactor = redactor;
        this.db = db;
        this.clock = clock;
    }

    /** Every source's state, by name. */
    public List<SourceState> states() {
        return sources.values().stream().map(this::state).toList();
    }

    /** One source's state; 404 problem for an unknown name. */
    public SourceState state(String name) {
        return state(require(name));
    }

    @Scheduled(identity = "tokenwise-sources", every = "${tokenwise.sources.every:1h}", delayed = "1m", concurrentExecution = SKIP)
    void scheduled() {
        runDue();
    }

    /** The schedule's run: every enabled source with a day due and no back-off pending. */
    public List<Outcome> runDue() {
        Instant now = clock.instant();
        LocalDate last = lastCompleteDay();
        return sources.values().stream().filter(PulledSource::enabled).filter(s -> {
            SourceStateRepository.Row r = db.newTransaction(() -> states.find(s.name())).orElse(null);
            boolean due = r == null || r.coveredThrough() == null || r.coveredThrough().isBefore(last);
            boolean waiting = r != null && r.nextAttemptAt() != null && now.isBefore(r.nextAttemptAt());
            return due && !waiting;
        }).map(s -> {
            try {
                return run(s, null);
            } catch (RuntimeException e) {
                // Note: one source's failure must not stop the others; it is recorded and retried later.
                LOG.errorf(e, "Pulled source %s failed", s.name());
                return new Outcome(s.name(), Status.FAILED, 0, null, e.getClass().getSimpleName());
            }
        }).toList();
    }

    /**
     * A run on demand ({@code POST /api/admin/sources/{source}/sync}).
     *
     * @param from null for the days after the cursor; else the first day to fetch again (within retention)
     */
    public Outcome runNow(String name, LocalDate from, String actor) {
        PulledSource s = require(name);
        if (from != null) {
            LocalDate last = lastCompleteDay();
            // Note: a day is replaced by taking back what was booked for it; raw events past retention are gone,
            // so a day older than that could not be replaced, only added again.
            LocalDate earliest = last.minusDays(Math.max(1, retentionDays - 2L));
            if (from.isAfter(last) || from.isBefore(earliest)) {
                throw ProblemException.badRequest("The first day to fetch again must be a complete day within the "
                        + "retention period.",
                        List.of(new Problem.Violation(null, "from", "must be between " + earliest + " and " + last)));
            }
            db.transaction(() -> audit.record(actor, "source.refetch", "source/" + name, null,
                    Map.of("from", from.toString())));
        }
        return run(s, from);
    }

    /** The last complete UTC day: what the vendors' daily reports cover at most. */
    public LocalDate lastCompleteDay() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    }

    private Outcome run(PulledSource s, LocalDate from) {
        if (!s.enabled()) {
            return new Outcome(s.name(), Status.OFF, 0, null, null);
        }
        Instant now = clock.instant();
        String owner = replica + "-" + runs.incrementAndGet();
        if (!db.newTransaction(() -> states.claim(s.name(), owner, now, now.plus(config.lease())))) {
            LOG.debugf("Pulled source %s: another run holds it", s.name());
            return new Outcome(s.name(), Status.BUSY, 0, null, null);
        }
        LocalDate covered = db.newTransaction(() -> states.find(s.name())).map(SourceStateRepository.Row::coveredThrough)
                .orElse(null);
        LocalDate last = lastCompleteDay();
        LocalDate start = from != null ? from
                : covered != null ? covered.plusDays(1) : last.minusDays(Math.max(1, config.initialDays()) - 1L);
        if (start.isBefore(last.minusDays(MAX_DAYS - 1L))) {
            start = last.minusDays(MAX_DAYS - 1L);
        }
        int[] synced = { 0 };
        try {
            if (!start.isAfter(last)) {
                s.sync(start, last, day -> {
                    synced[0]++;
                    boolean held = db.newTransaction(() -> {
                        states.covered(s.name(), day);
                        return states.renew(s.name(), owner, clock.instant().plus(config.lease()));
                    });
                    if (!held) {
                        throw new SourceFailure("the run took longer than its lease and another run took over");
                    }
                });
            }
        } catch (RuntimeException e) {
            String error = redactor.redact(e instanceof SourceFailure ? e.getMessage()
                    : "internal error (" + e.getClass().getSimpleName() + ")");
            int failures = db.newTransaction(() -> states.find(s.name()).map(SourceStateRepository.Row::failures)
                    .orElse(0)) + 1;
            Instant next = clock.instant().plus(backoff(failures));
            db.newTransaction(() -> states.failed(s.name(), owner, error, clock.instant(), next));
            if (e instanceof SourceFailure) {
                LOG.warnf("Pulled source %s failed after %d day(s): %s; next scheduled attempt at %s", s.name(),
                        synced[0], error, next);
            } else {
                LOG.errorf("Pulled source %s failed after %d day(s): %s; next scheduled attempt at %s", s.name(),
                        synced[0], redactor.redact(String.valueOf(e)), next);
            }
            return new Outcome(s.name(), Status.FAILED, synced[0], coveredThrough(s.name()), error);
        }
        db.newTransaction(() -> states.succeeded(s.name(), owner, clock.instant()));
        if (synced[0] > 0) {
            LOG.infof("Pulled source %s: %d day(s) synced from %s", s.name(), synced[0], start);
        }
        return new Outcome(s.name(), Status.SYNCED, synced[0], coveredThrough(s.name()), null);
    }

    /** backoff-base × 2^(failures − 1), at most backoff-max. */
    Duration backoff(int failures) {
        Duration d = config.backoffBase();
        for (int i = 1; i < failures && d.compareTo(config.backoffMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : d;
    }

    private LocalDate coveredThrough(String name) {
        return db.newTransaction(() -> states.find(name)).map(SourceStateRepository.Row::coveredThrough).orElse(null);
    }

    private SourceState state(PulledSource s) {
        Instant now = clock.instant();
        Optional<SourceStateRepository.Row> r = db.transaction(() -> states.find(s.name()));
        return r.map(x -> new SourceState(s.name(), s.enabled(), s.needs(), x.coveredThrough(), x.lastSuccessAt(),
                x.lastError(), x.lastErrorAt(), x.failures(), x.nextAttemptAt(),
                x.leaseUntil() != null && x.leaseUntil().isAfter(now)))
                .orElseGet(() -> new SourceState(s.name(), s.enabled(), s.needs(), null, null, null, null, 0, null,
                        false));
    }

    private PulledSource require(String name) {
        PulledSource s = name == null ? null : sources.get(name);
        if (s == null) {
            throw ProblemException.notFound("No pulled source '" + name + "'; the sources are " + sources.keySet()
                    + ".");
        }
        return s;
    }
}
