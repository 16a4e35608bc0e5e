package dev.tokenwise.usage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The PostgreSQL form of an ingest transaction: one statement. The events arrive as arrays
 * ({@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING}), and data-modifying CTEs fold the rows that were
 * really inserted (RETURNING, so duplicates never reach a rollup) into every rollup with real upserts
 * (ON CONFLICT … DO UPDATE adding the sums). The portable form needs a statement execution per row and a round trip
 * per table; under many small concurrent requests those round trips were most of a group commit. The rollup rows
 * are the same as {@link Rollups} computes: the event's bucket (the team's local hour, decided in Java), '' for no
 * repository, attributed when a PR is named. Token sums are held at the BIGINT maximum instead of overflowing (the
 * added values are never negative here, so the guard's subtraction cannot overflow either).
 * Rows are upserted in key order, so concurrent writers lock them in the same order. Ingest only (every contribution
 * positive); repricing keeps the portable path.
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
                RETURNING event_key, occurred_at, bucket_start AS bucket, team_id,
                    repo AS named_repo, COALESCE(repo, '') AS repo, workflow, tool, model, input_tokens,
                    cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced,
                    session_id, pull_request, actor
            ), hours AS (
                INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, attributed, events,
                    cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                    unpriced_events)
                SELECT team_id, bucket, workflow, model, tool, repo, pull_request IS NOT NULL, COUNT(*), SUM(cost_usd),
                    LEAST(SUM(input_tokens), 9223372036854775807), LEAST(SUM(cached_input_tokens), 9223372036854775807),
                    LEAST(SUM(cache_write_tokens), 9223372036854775807), LEAST(SUM(output_tokens), 9223372036854775807),
                    LEAST(SUM(reasoning_tokens), 9223372036854775807), COUNT(*) FILTER (WHERE NOT priced)
                FROM ev GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (team_id, bucket_start, workflow, model, tool, repo, attributed) DO UPDATE SET
                    events = usage_hourly.events + EXCLUDED.events,
                    cost_usd = usage_hourly.cost_usd + EXCLUDED.cost_usd,
                    input_tokens = CASE WHEN usage_hourly.input_tokens > 9223372036854775807 - EXCLUDED.input_tokens
                        THEN 9223372036854775807 ELSE usage_hourly.input_tokens + EXCLUDED.input_tokens END,
                    cached_input_tokens = CASE WHEN usage_hourly.cached_input_tokens > 9223372036854775807 - EXCLUDED.cached_input_tokens
                        THEN 9223372036854775807 ELSE usage_hourly.cached_input_tokens + EXCLUDED.cached_input_tokens END,
                    cache_write_tokens = CASE WHEN usage_hourly.cache_write_tokens > 9223372036854775807 - EXCLUDED.cache_write_tokens
                        THEN 9223372036854775807 ELSE usage_hourly.cache_write_tokens + EXCLUDED.cache_write_tokens END,
                    output_tokens = CASE WHEN usage_hourly.output_tokens > 9223372036854775807 - EXCLUDED.output_tokens
                        THEN 9223372036854775807 ELSE usage_hourly.output_tokens + EXCLUDED.output_tokens END,
                    reasoning_tokens = CASE WHEN usage_hourly.reasoning_tokens > 9223372036854775807 - EXCLUDED.reasoning_tokens
                        THEN 9223372036854775807 ELSE usage_hourly.reasoning_tokens + EXCLUDED.reasoning_tokens END,
                    unpriced_events = usage_hourly.unpriced_events + EXCLUDED.unpriced_events
            ), team_hours AS (
                INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd)
                SELECT team_id, bucket, workflow, COUNT(*), SUM(cost_usd) FROM ev GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (team_id, bucket_start, workflow) DO UPDATE SET
                    events = usage_team_hourly.events + EXCLUDED.events,
                    cost_usd = usage_team_hourly.cost_usd + EXCLUDED.cost_usd
            ), sessions AS (
                INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, workflow, model, tool, repo,
                    events, cost_usd, first_at, last_at)
                SELECT session_id, bucket, team_id, workflow, model, tool, repo, COUNT(*), SUM(cost_usd),
                    MIN(occurred_at), MAX(occurred_at)
                FROM ev WHERE session_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (session_id, bucket_start, team_id, workflow, model, tool, repo) DO UPDATE SET
                    events = usage_session_hourly.events + EXCLUDED.events,
                    cost_usd = usage_session_hourly.cost_usd + EXCLUDED.cost_usd,
                    first_at = LEAST(usage_session_hourly.first_at, EXCLUDED.first_at),
                    last_at = GREATEST(usage_session_hourly.last_at, EXCLUDED.last_at)
            ), contributors AS (
                INSERT INTO usage_contributor (team_id, bucket_start, actor)
                SELECT DISTINCT team_id, bucket, actor FROM ev WHERE actor IS NOT NULL ORDER BY 1, 2, 3
                ON CONFLICT DO NOTHING
            ), pr_refs AS (
                INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at)
                SELECT named_repo, pull_request, MIN(team_id), MIN(occurred_at) FROM ev
                WHERE pull_request IS NOT NULL AND named_repo IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT (repo, pull_request) DO UPDATE SET first_seen_at = EXCLUDED.first_seen_at
                    WHERE usage_pr_ref.first_seen_at > EXCLUDED.first_seen_at
            )
            SELECT event_key FROM ev""";

    private PgArrayWrites() {
    }

    /**
     * Inserts {@code events} in the given order (first occurrences only, sorted by key), adds the new ones to every
     * rollup, and returns the keys that were new. Events without a key are always stored.
     */
    static Set<String> write(Connection c, List<UsageEvent> events, OffsetDateTime receivedAt) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            ps.setObject(1, receivedAt);
            Columns<UsageEvent> cols = new Columns<>(c, ps, events, 2);
            cols.text(UsageEvent::eventKey);
            cols.time(UsageEvent::occurredAt);
            cols.text(UsageEvent::teamId);
            cols.text(UsageEvent::repo);
            cols.text(UsageEvent::workflow);
            cols.text(UsageEvent::tool);
            cols.text(UsageEvent::model);
            cols.int8(UsageEvent::inputTokens);
            cols.int8(UsageEvent::cachedInputTokens);
            cols.int8(UsageEvent::cacheWriteTokens);
            cols.int8(UsageEvent::outputTokens);
            cols.int8(UsageEvent::reasoningTokens);
            cols.float8(UsageEvent::costUsd);
            cols.bool(UsageEvent::costReported);
            cols.bool(UsageEvent::priced);
            cols.text(UsageEvent::sessionId);
            cols.array("int4", UsageEvent::pullRequest);
            cols.text(UsageEvent::actor);
            cols.text(UsageEvent::source);
            cols.time(UsageEvent::bucket);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        return stored;
    }

    /** Binds one array parameter per column, in order, from the rows. */
    private static final class Columns<T> {
        private final Connection c;
        private final PreparedStatement ps;
        private final List<T> rows;
        private int index;

        Columns(Connection c, PreparedStatement ps, List<T> rows, int firstIndex) {
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
            for (int i = 0; i < values.length; i++) {
                values[i] = f.apply(rows.get(i));
            }
            Array a = c.createArrayOf(type, values);
            ps.setArray(index++, a);
        }
    }
}
