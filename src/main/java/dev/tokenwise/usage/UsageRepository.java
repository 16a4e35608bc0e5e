package dev.tokenwise.usage;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Stores usage events and adds them to the rollups, in the caller's transaction. The rollup deltas are computed
 * once, in Java ({@link Rollups}); on PostgreSQL the whole write is one statement ({@link PgArrayWrites}),
 * elsewhere a batch of event inserts and the portable upserts ({@link RollupUpserts}).
 */
@ApplicationScoped
public class UsageRepository {

    private static final String INSERT_EVENT = "INSERT INTO usage_event "
            + "(event_key, occurred_at, team_id, repo, workflow, tool, model, input_tokens, cached_input_tokens, "
            + "cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, cost_reported, priced, session_id, "
            + "pull_request, actor, source, received_at, bucket_start) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Db db;
    private final RollupUpserts rollups;
    private final Clock clock;

    public UsageRepository(Db db, RollupUpserts rollups, Clock clock) {
        this.db = db;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** True on PostgreSQL, where {@link #writeAlone} stores a batch in one auto-committed statement. */
    public boolean writesInOneStatement() {
        return db.dialect().postgres();
    }

    /**
     * Inserts the events that are new (by {@code eventKey}; a key repeated in the list or already stored is a
     * duplicate) and adds them to the rollups, in the caller's transaction.
     *
     * @return per event of {@code events} (same order): true when it was stored, false for a duplicate
     */
    public boolean[] write(List<UsageEvent> events) {
        List<Integer> order = order(events);
        Instant now = clock.instant();
        if (db.dialect().postgres()) {
            List<UsageEvent> sorted = order.stream().map(events::get).toList();
            return stored(events, order, db.withConnection(c -> PgArrayWrites.write(c, sorted, now)));
        }
        boolean[] stored = new boolean[events.size()];
        int[] counts = db.batch(INSERT_EVENT + " ON CONFLICT DO NOTHING",
                order.stream().map(i -> eventRow(events.get(i), now)).toList());
        for (int j = 0; j < counts.length; j++) {
            // SUCCESS_NO_INFO (-2) only happens with batch rewriting, which would hide duplicates; treat as stored.
            stored[order.get(j)] = counts[j] != 0;
        }
        List<UsageEvent> fresh = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (stored[i]) {
                fresh.add(events.get(i));
            }
        }
        rollups.apply(Rollups.of(fresh));
        return stored;
    }

    /**
     * On PostgreSQL and outside any transaction: as {@link #write}, in one auto-committed statement that stores all
     * of the new events or nothing (see {@link PgArrayWrites}).
     *
     * @return as {@link #write}, or null when nothing was stored because some of the events were stored already:
     *         then {@link #write} them in a transaction
     */
    public boolean[] writeAlone(List<UsageEvent> events) {
        List<Integer> order = order(events);
        Instant now = clock.instant();
        List<UsageEvent> sorted = order.stream().map(events::get).toList();
        return db.withConnection(c -> PgArrayWrites.writeAlone(c, sorted, now))
                .map(fresh -> stored(events, order, fresh)).orElse(null);
    }

    /**
     * The events to insert: the first occurrence of each key (the others are duplicates without asking the
     * database) and the events without a key, keyed ones in key order, so that two batches sharing keys block on the
     * unique index instead of deadlocking.
     */
    private static List<Integer> order(List<UsageEvent> events) {
        Map<String, Integer> firstOfKey = new HashMap<>();
        List<Integer> order = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String key = events.get(i).eventKey();
            if (key == null || firstOfKey.putIfAbsent(key, i) == null) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparing((Integer i) -> events.get(i).eventKey(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        return order;
    }

    /** Per event: inserted (no key, or its key among those the statement returned) or a duplicate. */
    private static boolean[] stored(List<UsageEvent> events, List<Integer> order, Set<String> fresh) {
        boolean[] stored = new boolean[events.size()];
        for (int i : order) {
            String key = events.get(i).eventKey();
            stored[i] = key == null || fresh.contains(key);
        }
        return stored;
    }

    /**
     * Deletes the stored events of {@code source} that belong to the sessions and takes their figures out of the
     * rollups, in the caller's transaction, which must hold the sessions' locks (so no event of theirs is being
     * added meanwhile).
     *
     * @return the events taken back
     */
    public int takeBack(String source, List<String> sessions) {
        return takeBack("source = ? AND session_id", source, sessions);
    }

    /**
     * Deletes the stored events with these keys (of {@code source}) and takes their figures out of the rollups, in
     * the caller's transaction: a pulled source replacing what it booked for a day (docs/contract.md §5.7).
     *
     * @return the events taken back
     */
    public int takeBackKeys(String source, List<String> eventKeys) {
        return takeBack("source = ? AND event_key", source, eventKeys);
    }

    /** Deletes the events of {@code source} whose column ({@code column}: "… AND name") is one of {@code values}. */
    private int takeBack(String column, String source, List<String> values) {
        List<Long> ids = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 500) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + 500));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = source;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i);
            }
            db.each("SELECT id, event_key, occurred_at, team_id, repo, workflow, tool, model, input_tokens, "
                    + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, "
                    + "cost_reported, priced, session_id, pull_request, actor, source, bucket_start FROM usage_event "
                    + "WHERE " + column + " IN (" + Db.placeholders(chunk.size()) + ") ORDER BY id",
                    rs -> {
                        ids.add(rs.getLong(1));
                        Instant at = Rows.instant(rs, 3);
                        events.add(new UsageEvent(rs.getString(2), at,
                                RollupMoves.storedBucket(Rows.instant(rs, 21), at), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getDouble(14), rs.getBoolean(15),
                                rs.getBoolean(16), rs.getString(17), Rows.intOrNull(rs, 18), rs.getString(19),
                                rs.getString(20)));
                    }, params);
        }
        int[] counts = db.batch("DELETE FROM usage_event WHERE id = ?", ids.stream().map(id -> new Object[] { id })
                .toList());
        List<UsageEvent> deleted = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                deleted.add(events.get(i)); // retention may have deleted one meanwhile: its figures stay
            }
        }
        RollupMoves.takeOut(db, rollups, deleted);
        return deleted.size();
    }

    /** The 21 parameters of {@link #INSERT_EVENT}. */
    static Object[] eventRow(UsageEvent e, Instant receivedAt) {
        return new Object[] { e.eventKey(), e.occurredAt(), e.teamId(), e.repo(), e.workflow(), e.tool(), e.model(),
                e.inputTokens(), e.cachedInputTokens(), e.cacheWriteTokens(), e.outputTokens(), e.reasoningTokens(),
                e.costUsd(), e.costReported(), e.priced(), e.sessionId(),
                e.pullRequest() == null ? Db.nullOf(Types.INTEGER) : e.pullRequest(), e.actor(), e.source(),
                receivedAt, e.bucket() };
    }
}
