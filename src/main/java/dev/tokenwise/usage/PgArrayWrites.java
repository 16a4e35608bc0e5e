package dev.tokenwise.usage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.tokenwise.common.Sums;
import dev.tokenwise.common.db.Db;

/**
 * The PostgreSQL form of an ingest write: one statement. The events arrive as arrays
 * ({@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING}) and so do the rollup deltas that {@link Rollups}
 * computed from them; data-modifying CTEs add those deltas to every rollup with real upserts (ON CONFLICT … DO
 * UPDATE), in the order Java sorted them, so concurrent writers lock rows in the same order. The portable form
 * ({@link RollupUpserts}) needs a statement execution per row and a round trip per table; under many small
 * concurrent requests those round trips were most of a group commit.
 * <p>
 * The deltas hold for the events sent, so the statement adds them only when every event was new (RETURNING counts
 * the rows really inserted). When some were already stored (a client's retry, another replica), it adds nothing and
 * {@link #write} runs it once more in the same transaction, without events, with the deltas of the new ones only:
 * a duplicate never reaches a rollup. Ingest only (every delta positive); repricing uses the portable upserts.
 * <p>
 * {@link #writeAlone} runs the statement auto-committed, outside any transaction: one round trip, and the rollup
 * rows' locks are released the moment it ends (the group commit has one writer thread, so that time is the
 * throughput of small concurrent requests). Alone it must store all or nothing, so when some events were stored
 * already it fails on purpose (its last line casts a text that is not a number, SQLState 22P02) and rolls back
 * everything; the caller then writes in a transaction. A retried request is the only common cause.
 */
final class PgArrayWrites {

    private static final String WRITE = """
            WITH ev AS (
                INSERT INTO usage_event (event_key, occurred_at, team_id, repo, workflow, tool, model, input_tokens,
                    cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, cost_reported,
                    priced, session_id, pull_request, actor, source, bucket_start, received_at)
                SELECT u.*, ?::timestamptz FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::varchar[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],
                    ?::float8[], ?::bool[], ?::bool[], ?::varchar[], ?::int4[], ?::varchar[], ?::varchar[],
                    ?::timestamptz[]) AS u
                ON CONFLICT DO NOTHING
                RETURNING event_key
            ), fresh AS (
                SELECT COUNT(*) = ? AS all_new FROM ev
            ), hours AS (
                INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, attributed, events,
                    cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                    unpriced_events)
                SELECT u.* FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::bool[], ?::int8[], ?::float8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],
                    ?::int8[], ?::int8[]) AS u
                WHERE (SELECT all_new FROM fresh)
                ON CONFLICT (team_id, bucket_start, workflow, model, tool, repo, attributed) DO UPDATE SET
                    events = usage_hourly.events + EXCLUDED.events,
                    cost_usd = usage_hourly.cost_usd + EXCLUDED.cost_usd,
                    input_tokens = %s,
                    cached_input_tokens = %s,
                    cache_write_tokens = %s,
                    output_tokens = %s,
                    reasoning_tokens = %s,
                    unpriced_events = usage_hourly.unpriced_events + EXCLUDED.unpriced_events
            ), team_hours AS (
                INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd)
                SELECT u.* FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::int8[], ?::float8[]) AS u
                WHERE (SELECT all_new FROM fresh)
                ON CONFLICT (team_id, bucket_start, workflow) DO UPDATE SET
                    events = usage_team_hourly.events + EXCLUDED.events,
                    cost_usd = usage_team_hourly.cost_usd + EXCLUDED.cost_usd
            ), sessions AS (
                INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, workflow, model, tool, repo,
                    events, cost_usd, direct_cost_usd, first_at, last_at)
                SELECT u.* FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::int8[], ?::float8[], ?::float8[], ?::timestamptz[],
                    ?::timestamptz[]) AS u
                WHERE (SELECT all_new FROM fresh)
                ON CONFLICT (session_id, bucket_start, team_id, workflow, model, tool, repo) DO UPDATE SET
                    events = usage_session_hourly.events + EXCLUDED.events,
                    cost_usd = usage_session_hourly.cost_usd + EXCLUDED.cost_usd,
                    direct_cost_usd = usage_session_hourly.direct_cost_usd + EXCLUDED.direct_cost_usd,
                    first_at = LEAST(usage_session_hourly.first_at, EXCLUDED.first_at),
                    last_at = GREATEST(usage_session_hourly.last_at, EXCLUDED.last_at)
            ), contributors AS (
                INSERT INTO usage_contributor (team_id, bucket_start, actor)
                SELECT u.* FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[]) AS u
                WHERE (SELECT all_new FROM fresh)
                ON CONFLICT DO NOTHING
            ), pr_refs AS (
                INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at, cost_usd)
                SELECT u.* FROM unnest(?::varchar[], ?::int4[], ?::varchar[], ?::timestamptz[], ?::float8[]) AS u
                WHERE (SELECT all_new FROM fresh)
                ON CONFLICT (repo, pull_request) DO UPDATE SET
                    first_seen_at = LEAST(usage_pr_ref.first_seen_at, EXCLUDED.first_seen_at),
                    cost_usd = usage_pr_ref.cost_usd + EXCLUDED.cost_usd
            )
            SELECT event_key, CAST(CASE WHEN (SELECT all_new FROM fresh) OR NOT ? THEN '0'
                ELSE 'some events were stored already' END AS int) FROM ev""".formatted(add("input_tokens"),
            add("cached_input_tokens"),
            add("cache_write_tokens"), add("output_tokens"), add("reasoning_tokens"));

    /** SQLState of the statement's refusal to store only some of the events (invalid text for an integer). */
    private static final String SOME_STORED_ALREADY = "22P02";

    private PgArrayWrites() {
    }

    /** {@link Sums#sqlAdd}, with the value added taken from the row the upsert proposed instead of a parameter. */
    private static String add(String column) {
        return Sums.sqlAdd("usage_hourly." + column).replace("?", "EXCLUDED." + column);
    }

    /**
     * Inserts {@code events} in the given order (first occurrences only, sorted by key), adds the new ones to every
     * rollup, and returns the keys that were new. Events without a key are always stored. Runs one statement, or
     * two when some events were stored already: the caller's transaction makes them one.
     */
    static Set<String> write(Connection c, List<UsageEvent> events, Instant receivedAt) throws SQLException {
        Set<String> stored = new HashSet<>();
        int inserted = execute(c, events, Rollups.of(events), receivedAt, false, stored);
        if (inserted != events.size() && inserted > 0) {
            List<UsageEvent> fresh = events.stream().filter(e -> e.eventKey() == null
                    || stored.contains(e.eventKey())).toList();
            execute(c, List.of(), Rollups.of(fresh), receivedAt, false, new HashSet<>());
        }
        return stored;
    }

    /**
     * As {@link #write}, on an auto-committed connection: one statement that stores all of the events or none. Returns
     * the keys that were new, or empty when it stored nothing because some (not all) of the events were stored
     * already.
     */
    static Optional<Set<String>> writeAlone(Connection c, List<UsageEvent> events, Instant receivedAt)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try {
            execute(c, events, Rollups.of(events), receivedAt, true, stored);
        } catch (SQLException e) {
            if (SOME_STORED_ALREADY.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(stored);
    }

    /** Runs the statement; puts the keys of the events inserted into {@code stored}, returns how many were. */
    private static int execute(Connection c, List<UsageEvent> events, Rollups r, Instant receivedAt, boolean alone,
            Set<String> stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            Db.bind(ps, 1, receivedAt);
            Columns<UsageEvent> ev = new Columns<>(c, ps, events, 2);
            ev.text(UsageEvent::eventKey);
            ev.time(UsageEvent::occurredAt);
            ev.text(UsageEvent::teamId);
            ev.text(UsageEvent::repo);
            ev.text(UsageEvent::workflow);
            ev.text(UsageEvent::tool);
            ev.text(UsageEvent::model);
            ev.int8(UsageEvent::inputTokens);
            ev.int8(UsageEvent::cachedInputTokens);
            ev.int8(UsageEvent::cacheWriteTokens);
            ev.int8(UsageEvent::outputTokens);
            ev.int8(UsageEvent::reasoningTokens);
            ev.float8(UsageEvent::costUsd);
            ev.bool(UsageEvent::costReported);
            ev.bool(UsageEvent::priced);
            ev.text(UsageEvent::sessionId);
            ev.array("int4", UsageEvent::pullRequest);
            ev.text(UsageEvent::actor);
            ev.text(UsageEvent::source);
            ev.time(UsageEvent::bucket);
            ps.setInt(ev.index, events.size());
            ps.setBoolean(bindRollups(c, ps, r, ev.index + 1), alone);
            int inserted = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted++;
                    stored.add(rs.getString(1));
                }
            }
            return inserted;
        }
    }

    /** Binds the deltas of every rollup table, in the statement's order, from {@code index} on; the next index. */
    private static int bindRollups(Connection c, PreparedStatement ps, Rollups r, int index) throws SQLException {
        var h = new Columns<>(c, ps, entries(r.hours), index);
        h.text(e -> e.getKey().team());
        h.time(e -> e.getKey().bucket());
        h.text(e -> e.getKey().workflow());
        h.text(e -> e.getKey().model());
        h.text(e -> e.getKey().tool());
        h.text(e -> e.getKey().repo());
        h.bool(e -> e.getKey().attributed());
        h.int8(e -> e.getValue().events);
        h.float8(e -> e.getValue().cost);
        h.int8(e -> e.getValue().input);
        h.int8(e -> e.getValue().cached);
        h.int8(e -> e.getValue().cacheWrite);
        h.int8(e -> e.getValue().output);
        h.int8(e -> e.getValue().reasoning);
        h.int8(e -> e.getValue().unpriced);
        var t = new Columns<>(c, ps, entries(r.teamHours), h.index);
        t.text(e -> e.getKey().team());
        t.time(e -> e.getKey().bucket());
        t.text(e -> e.getKey().workflow());
        t.int8(e -> e.getValue().events);
        t.float8(e -> e.getValue().cost);
        var s = new Columns<>(c, ps, entries(r.sessions), t.index);
        s.text(e -> e.getKey().session());
        s.time(e -> e.getKey().bucket());
        s.text(e -> e.getKey().team());
        s.text(e -> e.getKey().workflow());
        s.text(e -> e.getKey().model());
        s.text(e -> e.getKey().tool());
        s.text(e -> e.getKey().repo());
        s.int8(e -> e.getValue().events);
        s.float8(e -> e.getValue().cost);
        s.float8(e -> e.getValue().direct);
        s.time(e -> e.getValue().first);
        s.time(e -> e.getValue().last);
        var a = new Columns<>(c, ps, new ArrayList<>(r.contributors.keySet()), s.index);
        a.text(Rollups.ContributorKey::team);
        a.time(Rollups.ContributorKey::bucket);
        a.text(Rollups.ContributorKey::actor);
        var p = new Columns<>(c, ps, entries(r.prRefs), a.index);
        p.text(e -> e.getKey().repo());
        p.array("int4", e -> e.getKey().pullRequest());
        p.text(e -> e.getValue().team());
        p.time(e -> e.getValue().firstSeen());
        p.float8(e -> e.getValue().cost());
        return p.index;
    }

    private static <K, V> List<Map.Entry<K, V>> entries(Map<K, V> sorted) {
        return new ArrayList<>(sorted.entrySet());
    }

    /** Binds one array parameter per column, in order, from the rows. */
    private static final class Columns<T> {
        private final Connection c;
        private final PreparedStatement ps;
        private final Collection<T> rows;
        private int index;

        Columns(Connection c, PreparedStatement ps, Collection<T> rows, int firstIndex) {
            this.c = c;
            this.ps = ps;
            this.rows = rows;
            this.index = firstIndex;
        }

        void text(Function<T, String> f) throws SQLException {
            array("varchar", f);
        }

        /** Timestamps travel as ISO-8601 UTC text in a timestamptz array: no session time zone is involved. */
        void time(Function<T, Instant> f) throws SQLException {
            array("timestamptz", row -> {
                Instant t = f.apply(row);
                return t == null ? null : t.toString();
            });
        }

        void int8(Function<T, Long> f) throws SQLException {
            array("int8", f);
        }

        void float8(Function<T, Double> f) throws SQLException {
            array("float8", f);
        }

        void bool(Function<T, Boolean> f) throws SQLException {
            array("bool", f);
        }

        void array(String type, Function<T, ?> f) throws SQLException {
            Object[] values = new Object[rows.size()];
            int i = 0;
            for (T row : rows) {
                values[i++] = f.apply(row);
            }
            Array a = c.createArrayOf(type, values);
            ps.setArray(index++, a);
        }
    }
}
