package dev.tokenwise.usage.otlp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.usage.IngestResult;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageStore;
import dev.tokenwise.usage.UsageWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores OTLP usage samples. Delta points count their value. Cumulative series become deltas by
 * {@link CumulativeRule} against the last point taken, which is kept in {@code otlp_series} and nowhere else (no
 * cache: after a restart, and on every replica, the held point is the database's). The series rows are created if
 * missing and then locked in key order inside the same transaction as the events, so two replicas (or two exports
 * racing) never count the same increase twice.
 * <p>
 * Every point also has an event key (series, start, time), so a delta point delivered twice is stored once. OTLP
 * carries no request id; the point's identity is all there is to deduplicate on, and it is enough: successive delta
 * points of one series cover adjacent intervals, so two real points never share both times, whatever their values.
 */
@ApplicationScoped
public class OtlpMetricsService {

    private static final int MAX_ATTEMPTS = 4;

    private final DataSource dataSource;
    private final UsageStore store;
    private final UsageEvents events;
    private final MeterRegistry registry;
    private final Clock clock;

    public OtlpMetricsService(DataSource dataSource, UsageStore store, UsageEvents events, MeterRegistry registry,
            Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.events = events;
        this.registry = registry;
        this.clock = clock;
    }

    /** Stores the samples in one transaction; returns once committed. */
    public IngestResult store(List<OtlpSample> samples) {
        if (samples.isEmpty()) {
            return new IngestResult(0, 0);
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                IngestResult r = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return write(c, samples);
                    }
                });
                registry.counter("tokenwise.ingested.events", "source", "otlp").increment(r.accepted());
                return r;
            } catch (RuntimeException e) {
                failure = e;
                if (!UsageWriter.transientFailure(e)) {
                    break;
                }
            }
        }
        throw failure;
    }

    private IngestResult write(Connection c, List<OtlpSample> samples) throws SQLException {
        List<OtlpSample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparing(OtlpSample::seriesKey).thenComparingLong(OtlpSample::timeNanos));
        TreeSet<String> cumulativeKeys = new TreeSet<>();
        ordered.stream().filter(OtlpSample::cumulative).forEach(s -> cumulativeKeys.add(s.seriesKey()));
        Map<String, CumulativeRule.Held> held = lockStates(c, cumulativeKeys);
        Map<String, CumulativeRule.Held> changed = new HashMap<>();
        List<UsageEvent> out = new ArrayList<>();
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
            if (delta > 0) {
                out.add(event(s, delta));
            }
        }
        saveStates(c, changed);
        boolean[] stored = store.write(c, out);
        int accepted = 0;
        for (boolean b : stored) {
            accepted += b ? 1 : 0;
        }
        return new IngestResult(accepted, out.size() - accepted);
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
                in, cached, write, out, 0, cost, s.sessionId(), s.pullRequest(), s.actor(), "otlp"));
    }

    private Map<String, CumulativeRule.Held> lockStates(Connection c, TreeSet<String> keys) throws SQLException {
        Map<String, CumulativeRule.Held> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // Placeholder rows (start and time -1) first, so that the lock below covers series nobody has seen yet.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO otlp_series (series_key, start_nanos, time_nanos, "
                + "last_value, updated_at) VALUES (?, -1, -1, 0, ?) ON CONFLICT DO NOTHING")) {
            for (String k : keys) {
                ps.setString(1, k);
                ps.setObject(2, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "SELECT series_key, start_nanos, time_nanos, last_value FROM otlp_series WHERE series_key IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY series_key FOR UPDATE";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // A placeholder (time -1) means no point taken yet; taken points have a time > 0 (the
                        // mapper refuses others) while their start may be 0, which OTLP allows for "unknown".
                        if (rs.getLong(3) > 0) {
                            states.put(rs.getString(1),
                                    new CumulativeRule.Held(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                        }
                    }
                }
            }
        }
        return states;
    }

    private void saveStates(Connection c, Map<String, CumulativeRule.Held> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("UPDATE otlp_series SET start_nanos = ?, time_nanos = ?, "
                + "last_value = ?, updated_at = ? WHERE series_key = ?")) {
            for (var e : new java.util.TreeMap<>(changed).entrySet()) {
                ps.setLong(1, e.getValue().start());
                ps.setLong(2, e.getValue().time());
                ps.setDouble(3, e.getValue().value());
                ps.setObject(4, now);
                ps.setString(5, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
