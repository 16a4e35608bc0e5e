package dev.tokenwise.usage.otlp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * The last point taken of each cumulative OTLP series ({@code otlp_series}), read locked and written in the
 * caller's transaction: the ingest group's, so that a series moves on exactly when the events it produced commit.
 */
@ApplicationScoped
public class OtlpSeriesRepository {

    /** Series locked per statement: keeps the IN list well inside every driver's parameter limit. */
    private static final int CHUNK = 500;

    private final Db db;
    private final Clock clock;

    public OtlpSeriesRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Locks the series' rows in key order (creating those never seen) and returns the points they hold. */
    Map<String, CumulativeRule.Held> lock(TreeSet<String> keys) {
        Map<String, CumulativeRule.Held> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        Instant now = clock.instant();
        // Placeholder rows (start and time -1) first, so that the lock below covers series nobody has seen yet.
        db.batch("INSERT INTO otlp_series (series_key, start_nanos, time_nanos, last_value, updated_at) "
                + "VALUES (?, -1, -1, 0, ?) ON CONFLICT DO NOTHING",
                keys.stream().map(k -> new Object[] { k, now }).toList());
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            db.each("SELECT series_key, start_nanos, time_nanos, last_value FROM otlp_series WHERE series_key IN ("
                    + Db.placeholders(chunk.size()) + ") ORDER BY series_key FOR UPDATE", rs -> {
                        // A placeholder (time -1) means no point taken yet; taken points have a time > 0 (the
                        // mapper refuses others) while their start may be 0, which OTLP allows for "unknown".
                        if (rs.getLong(3) > 0) {
                            states.put(rs.getString(1),
                                    new CumulativeRule.Held(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                        }
                    }, chunk.toArray());
        }
        return states;
    }

    /** Those of the event keys already stored (read in the caller's transaction, after the group's rows are locked). */
    Set<String> storedEvents(List<String> keys) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            db.each("SELECT event_key FROM usage_event WHERE event_key IN (" + Db.placeholders(chunk.size()) + ")",
                    rs -> stored.add(rs.getString(1)), chunk.toArray());
        }
        return stored;
    }

    /**
     * Claims an event key in the caller's transaction (a row under its hash; retention drops it with the series):
     * false when it was claimed before, earlier in this transaction or by one that committed.
     */
    boolean claim(String eventKey) {
        return db.update("INSERT INTO otlp_series (series_key, start_nanos, time_nanos, last_value, updated_at) "
                + "VALUES (?, -1, -1, 0, ?) ON CONFLICT DO NOTHING", OtlpMapper.sha256("claim|" + eventKey),
                clock.instant()) == 1;
    }

    /** Stores the points now held by the series that took one. */
    void save(Map<String, CumulativeRule.Held> changed) {
        Instant now = clock.instant();
        db.batch("UPDATE otlp_series SET start_nanos = ?, time_nanos = ?, last_value = ?, updated_at = ? "
                + "WHERE series_key = ?",
                new TreeMap<>(changed).entrySet().stream()
                        .map(e -> new Object[] { e.getValue().start(), e.getValue().time(), e.getValue().value(), now,
                                e.getKey() })
                        .toList());
    }
}
