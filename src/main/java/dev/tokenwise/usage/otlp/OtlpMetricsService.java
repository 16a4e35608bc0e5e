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
 * Stores OTLP usage samples. Cumulative series become deltas against the last point kept in {@code otlp_series};
 * the series rows are created if missing and then locked in key order inside the same transaction as the
 * events, so two replicas (or two exports racing) never count the same increase twice.
 * <p>
 * Rules per cumulative point (SPEC §2.2): start == time is a baseline only; a new (later) start time counts the
 * whole value; the same start counts the increase over the last value, a drop counts the new value (a reset
 * nobody announced); a point not newer than the last one, or from an older start, counts nothing.
 */
@ApplicationScoped
public class OtlpMetricsService {

    private static final int MAX_ATTEMPTS = 4;

    private record State(long start, long time, double value) {
    }

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
        Map<String, State> states = lockStates(c, cumulativeKeys);
        Map<String, State> changed = new HashMap<>();
        List<UsageEvent> out = new ArrayList<>();
        for (OtlpSample s : ordered) {
            double delta;
            if (!s.cumulative()) {
                delta = s.value();
            } else {
                State st = states.get(s.seriesKey());
                State next = st;
                if (s.startNanos() == s.timeNanos()) {
                    delta = 0;
                    if (st == null || s.startNanos() > st.start() || s.startNanos() == st.start() && s.timeNanos() > st.time()) {
                        next = new State(s.startNanos(), s.timeNanos(), s.value());
                    }
                } else if (st == null || s.startNanos() > st.start()) {
                    delta = s.value();
                    next = new State(s.startNanos(), s.timeNanos(), s.value());
                } else if (s.startNanos() < st.start() || s.timeNanos() <= st.time()) {
                    delta = 0; // stale or repeated point
                } else {
                    delta = s.value() >= st.value() ? s.value() - st.value() : s.value();
                    next = new State(s.startNanos(), s.timeNanos(), s.value());
                }
                if (next != st) {
                    states.put(s.seriesKey(), next);
                    changed.put(s.seriesKey(), next);
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

    private Map<String, State> lockStates(Connection c, TreeSet<String> keys) throws SQLException {
        Map<String, State> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // Placeholder rows (start -1) first, so that the lock below covers series nobody has seen yet.
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
                        if (rs.getLong(2) >= 0) {
                            states.put(rs.getString(1), new State(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                        }
                    }
                }
            }
        }
        return states;
    }

    private void saveStates(Connection c, Map<String, State> changed) throws SQLException {
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
