package dev.tokenwise.usage.otlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.usage.IngestResult;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageWriter;

/**
 * Stores OTLP usage samples through the ingest group commit ({@link UsageWriter}), like every other source. Delta
 * points count their value. Cumulative series become deltas by {@link CumulativeRule} against the last point taken,
 * which is kept in {@code otlp_series} and nowhere else (no cache: after a restart, and on every replica, the held
 * point is the database's). The series rows are created if missing and then locked in key order inside the same
 * transaction as the events (the writer runs that step in the group's transaction), so two replicas (or two
 * exports racing) never count the same increase twice.
 * <p>
 * The rows of the points' sessions are locked last ({@link SessionSourceRepository}): a session whose usage arrives
 * as events gets nothing from its metric points.
 * <p>
 * Every point also has an event key (series, start, time), so a delta point delivered twice is stored once. OTLP
 * carries no request id; the point's identity is all there is to deduplicate on, and it is enough: successive delta
 * points of one series cover adjacent intervals, so two real points never share both times, whatever their values.
 */
@ApplicationScoped
public class OtlpMetricsService {

    private final UsageWriter writer;
    private final OtlpSeriesRepository series;
    private final UsageEvents events;
    private final SessionSourceRepository sources;

    public OtlpMetricsService(UsageWriter writer, OtlpSeriesRepository series, UsageEvents events,
            SessionSourceRepository sources) {
        this.writer = writer;
        this.series = series;
        this.events = events;
        this.sources = sources;
    }

    /** Stores the samples in one transaction; returns once committed. */
    public IngestResult store(List<OtlpSample> samples) {
        if (samples.isEmpty()) {
            return new IngestResult(0, 0);
        }
        List<OtlpSample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparing(OtlpSample::seriesKey).thenComparingLong(OtlpSample::timeNanos));
        return writer.write(() -> events(ordered), ordered.size());
    }

    /** Runs in the group's transaction: takes the points against the locked series and returns their events. */
    private List<UsageEvent> events(List<OtlpSample> ordered) {
        TreeSet<String> keys = new TreeSet<>();
        ordered.stream().filter(OtlpSample::cumulative).forEach(s -> keys.add(s.seriesKey()));
        // The carries of paired groups are locked with the series, in one key order (no deadlock between exports).
        ordered.stream().filter(s -> s.pairKey() != null).forEach(s -> keys.add(s.pairKey()));
        Map<String, CumulativeRule.Held> held = series.lock(keys);
        Map<String, CumulativeRule.Held> changed = new HashMap<>();
        List<UsageEvent> out = new ArrayList<>();
        PairedTokens paired = new PairedTokens();
        for (OtlpSample s : ordered) {
            double delta;
            if (!s.cumulative()) {
                delta = s.value();
            } else {
                CumulativeRule.Held before = held.get(s.seriesKey());
                CumulativeRule.Step step = CumulativeRule.apply(before, s.startNanos(), s.timeNanos(), s.value());
                delta = step.delta();
                if (step.held() != before) {
                    held.put(s.seriesKey(), step.held());
                    changed.put(s.seriesKey(), step.held());
                }
            }
            if (s.pairKey() != null) {
                paired.add(s, delta);
            } else if (delta > 0) {
                out.add(event(s, delta));
            }
        }
        Map<String, Double> carries = new HashMap<>();
        ordered.stream().filter(s -> s.pairKey() != null && held.containsKey(s.pairKey()))
                .forEach(s -> carries.put(s.pairKey(), held.get(s.pairKey()).value()));
        for (PairedTokens.Made m : paired.make(carries, series.storedEvents(paired.eventKeys()))) {
            // An event that moves the carry must move it once: a retry of its export in the same group commit (its
            // event not written yet) or in a racing one finds the claim taken and leaves the carry alone.
            if (m.carry() != carries.getOrDefault(m.meta().pairKey(), 0d) && !series.claim(m.eventKey())) {
                continue;
            }
            changed.put(m.meta().pairKey(), new CumulativeRule.Held(0, m.timeNanos(), m.carry()));
            OtlpSample s = m.meta();
            out.add(events.create(new UsageEvents.Input(m.eventKey(), m.time(),
                    s.team(), s.repo(), s.workflow(), s.tool(), s.model(), m.input(), m.cached(), m.write(),
                    m.output(), m.reasoning(), null, s.sessionId(), s.pullRequest(), s.actor(),
                    SessionSourceRepository.METRICS_SOURCE)));
        }
        series.save(changed);
        // docs/contract.md §5.6: a session counted by its events takes nothing from metrics. Its series still moved
        // on above, so a later point counts only what is new should the rule ever stop applying.
        TreeSet<String> sessions = new TreeSet<>();
        out.forEach(e -> {
            if (e.sessionId() != null) {
                sessions.add(e.sessionId());
            }
        });
        TreeSet<String> byEvents = sources.countedByEvents(sessions);
        if (!byEvents.isEmpty()) {
            out.removeIf(e -> e.sessionId() != null && byEvents.contains(e.sessionId()));
        }
        return out;
    }

    private UsageEvent event(OtlpSample s, double delta) {
        long tokens = Math.round(delta);
        long in = s.kind() == OtlpSample.Kind.INPUT ? tokens : 0;
        long out = s.kind() == OtlpSample.Kind.OUTPUT ? tokens : 0;
        long cached = s.kind() == OtlpSample.Kind.CACHE_READ ? tokens : 0;
        long write = s.kind() == OtlpSample.Kind.CACHE_WRITE ? tokens : 0;
        Double cost = null;
        if (s.kind() == OtlpSample.Kind.COST) {
            cost = delta;
        } else if (s.costFromExport()) {
            cost = 0d;
        }
        // The same point delivered twice (exporter retry) has the same key and is stored once.
        String key = "otlp:" + OtlpMapper.sha256(s.seriesKey() + "|" + s.startNanos() + "|" + s.timeNanos());
        return events.create(new UsageEvents.Input(key, s.time(), s.team(), s.repo(), s.workflow(), s.tool(), s.model(),
                in, cached, write, out, 0, cost, s.sessionId(), s.pullRequest(), s.actor(),
                SessionSourceRepository.METRICS_SOURCE));
    }
}
