package dev.tokenwise.usage.otlp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.usage.UsageRepository;

/**
 * One source of truth per session (docs/contract.md §5.6): a session whose usage arrives as events counts its
 * events, and its metric points add nothing. A row of {@code agent_session_source} per session says which it is,
 * and is the lock both paths take (creating it when missing, then locking in key order, in the ingest group's
 * transaction): so whichever arrives first, and on any replica, a metric point and the events of its session are
 * never both counted. Kept in the database only, so the rule holds across restarts.
 */
@ApplicationScoped
public class SessionSourceRepository {

    /** What {@code OtlpMetricsService} stores its events as: the source taken back when events arrive. */
    static final String METRICS_SOURCE = "otlp";

    private static final int CHUNK = 500;

    private final Db db;
    private final UsageRepository usage;
    private final Clock clock;

    public SessionSourceRepository(Db db, UsageRepository usage, Clock clock) {
        this.db = db;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Whether every one of the sessions is counted by its events already (a plain read, no lock): once a session is,
     * it stays so, so nothing of it can be taken back or raced any more.
     */
    boolean allCountedByEvents(TreeSet<String> sessions) {
        List<String> all = new ArrayList<>(sessions);
        int[] found = { 0 };
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            db.each("SELECT COUNT(*) FROM agent_session_source WHERE events = TRUE AND session_id IN ("
                    + Db.placeholders(chunk.size()) + ")", rs -> found[0] += rs.getInt(1), chunk.toArray());
        }
        return found[0] == sessions.size();
    }

    /**
     * Locks the sessions and returns those whose usage arrives as events: their metric points must add nothing.
     */
    TreeSet<String> countedByEvents(TreeSet<String> sessions) {
        TreeSet<String> events = new TreeSet<>();
        lock(sessions).forEach((session, byEvents) -> {
            if (byEvents) {
                events.add(session);
            }
        });
        return events;
    }

    /**
     * Locks the sessions, whose usage now arrives as events, and takes back the metric points counted for those
     * that were counted by metrics until now.
     *
     * @return the metric events taken back
     */
    int eventsArrived(TreeSet<String> sessions) {
        List<String> switching = new ArrayList<>();
        lock(sessions).forEach((session, byEvents) -> {
            if (!byEvents) {
                switching.add(session);
            }
        });
        if (switching.isEmpty()) {
            return 0;
        }
        int taken = usage.takeBack(METRICS_SOURCE, switching);
        Instant now = clock.instant();
        db.batch("UPDATE agent_session_source SET events = TRUE, updated_at = ? WHERE session_id = ?",
                switching.stream().map(s -> new Object[] { now, s }).toList());
        return taken;
    }

    /** Creates the rows never seen (counted by metrics until an event arrives), then locks all in key order. */
    private Map<String, Boolean> lock(TreeSet<String> sessions) {
        Map<String, Boolean> byEvents = new HashMap<>();
        if (sessions.isEmpty()) {
            return byEvents;
        }
        Instant now = clock.instant();
        db.batch("INSERT INTO agent_session_source (session_id, events, updated_at) VALUES (?, FALSE, ?) "
                + "ON CONFLICT DO NOTHING", sessions.stream().map(s -> new Object[] { s, now }).toList());
        List<String> all = new ArrayList<>(sessions);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            db.each("SELECT session_id, events FROM agent_session_source WHERE session_id IN ("
                    + Db.placeholders(chunk.size()) + ") ORDER BY session_id FOR UPDATE",
                    rs -> byEvents.put(rs.getString(1), rs.getBoolean(2)), chunk.toArray());
        }
        return byEvents;
    }
}
