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
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The PostgreSQL form of the ingest writes: each table gets one statement whose rows arrive as arrays
 * ({@code INSERT … SELECT FROM unnest(…)}), where the portable form executes one statement per row (a batch of
 * 1,000 events touching 1,000 session-hours was 2,000+ executions). The results are the same: events are inserted
 * with ON CONFLICT DO NOTHING and the stored keys come back through RETURNING; rollups are real upserts
 * (ON CONFLICT … DO UPDATE adding the sums). Rows go in the caller's sorted order, so concurrent writers lock
 * rows in the same order. Used for ingest only (every contribution positive); repricing keeps the portable path.
 */
final class PgArrayWrites {

    private static final String INSERT_EVENTS = "INSERT INTO usage_event (event_key, occurred_at, team_id, repo, "
            + "workflow, tool, model, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, "
            + "reasoning_tokens, cost_usd, cost_reported, priced, session_id, pull_request, actor, source, received_at) "
            + "SELECT u.*, ? FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::float8[], "
            + "?::bool[], ?::bool[], ?::varchar[], ?::int4[], ?::varchar[], ?::varchar[]) AS u "
            + "ON CONFLICT DO NOTHING RETURNING event_key";

    private static final String UPSERT_HOURS = "INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, "
            + "tool, repo, attributed, events, cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, "
            + "output_tokens, reasoning_tokens, unpriced_events) SELECT * FROM unnest(?::varchar[], "
            + "?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bool[], ?::int8[], "
            + "?::float8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[]) "
            + "ON CONFLICT (team_id, bucket_start, workflow, model, tool, repo, attributed) DO UPDATE SET "
            + "events = usage_hourly.events + EXCLUDED.events, cost_usd = usage_hourly.cost_usd + EXCLUDED.cost_usd, "
            + "input_tokens = usage_hourly.input_tokens + EXCLUDED.input_tokens, "
            + "cached_input_tokens = usage_hourly.cached_input_tokens + EXCLUDED.cached_input_tokens, "
            + "cache_write_tokens = usage_hourly.cache_write_tokens + EXCLUDED.cache_write_tokens, "
            + "output_tokens = usage_hourly.output_tokens + EXCLUDED.output_tokens, "
            + "reasoning_tokens = usage_hourly.reasoning_tokens + EXCLUDED.reasoning_tokens, "
            + "unpriced_events = usage_hourly.unpriced_events + EXCLUDED.unpriced_events";

    private static final String UPSERT_TEAM_HOURS = "INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, "
            + "events, cost_usd) SELECT * FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::int8[], "
            + "?::float8[]) ON CONFLICT (team_id, bucket_start, workflow) DO UPDATE SET "
            + "events = usage_team_hourly.events + EXCLUDED.events, "
            + "cost_usd = usage_team_hourly.cost_usd + EXCLUDED.cost_usd";

    private static final String UPSERT_SESSIONS = "INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, "
            + "workflow, model, tool, repo, events, cost_usd, first_at, last_at) SELECT * FROM unnest(?::varchar[], "
            + "?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int8[], "
            + "?::float8[], ?::timestamptz[], ?::timestamptz[]) "
            + "ON CONFLICT (session_id, bucket_start, team_id, workflow, model, tool, repo) DO UPDATE SET "
            + "events = usage_session_hourly.events + EXCLUDED.events, "
            + "cost_usd = usage_session_hourly.cost_usd + EXCLUDED.cost_usd, "
            + "first_at = LEAST(usage_session_hourly.first_at, EXCLUDED.first_at), "
            + "last_at = GREATEST(usage_session_hourly.last_at, EXCLUDED.last_at)";

    private PgArrayWrites() {
    }

    /**
     * Inserts {@code events} in the given order (first occurrences only, sorted by key) and returns the keys that
     * were new. Events without a key are always stored.
     */
    static Set<String> insertEvents(Connection c, List<UsageEvent> events, OffsetDateTime receivedAt)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
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
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        return stored;
    }

    static void upsertHours(Connection c, Map<Rollups.HourKey, Rollups.HourSums> hours) throws SQLException {
        if (hours.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_HOURS)) {
            Columns<Map.Entry<Rollups.HourKey, Rollups.HourSums>> cols = new Columns<>(c, ps,
                    List.copyOf(hours.entrySet()), 1);
            cols.text(e -> e.getKey().team());
            cols.time(e -> e.getKey().bucket());
            cols.text(e -> e.getKey().workflow());
            cols.text(e -> e.getKey().model());
            cols.text(e -> e.getKey().tool());
            cols.text(e -> e.getKey().repo());
            cols.bool(e -> e.getKey().attributed());
            cols.int8(e -> e.getValue().events);
            cols.float8(e -> e.getValue().cost);
            cols.int8(e -> e.getValue().input);
            cols.int8(e -> e.getValue().cached);
            cols.int8(e -> e.getValue().cacheWrite);
            cols.int8(e -> e.getValue().output);
            cols.int8(e -> e.getValue().reasoning);
            cols.int8(e -> e.getValue().unpriced);
            ps.executeUpdate();
        }
    }

    static void upsertTeamHours(Connection c, Map<Rollups.TeamHourKey, Rollups.TeamHourSums> teamHours)
            throws SQLException {
        if (teamHours.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TEAM_HOURS)) {
            Columns<Map.Entry<Rollups.TeamHourKey, Rollups.TeamHourSums>> cols = new Columns<>(c, ps,
                    List.copyOf(teamHours.entrySet()), 1);
            cols.text(e -> e.getKey().team());
            cols.time(e -> e.getKey().bucket());
            cols.text(e -> e.getKey().workflow());
            cols.int8(e -> e.getValue().events);
            cols.float8(e -> e.getValue().cost);
            ps.executeUpdate();
        }
    }

    static void upsertSessions(Connection c, Map<Rollups.SessionKey, Rollups.SessionSums> sessions)
            throws SQLException {
        if (sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SESSIONS)) {
            Columns<Map.Entry<Rollups.SessionKey, Rollups.SessionSums>> cols = new Columns<>(c, ps,
                    List.copyOf(sessions.entrySet()), 1);
            cols.text(e -> e.getKey().session());
            cols.time(e -> e.getKey().bucket());
            cols.text(e -> e.getKey().team());
            cols.text(e -> e.getKey().workflow());
            cols.text(e -> e.getKey().model());
            cols.text(e -> e.getKey().tool());
            cols.text(e -> e.getKey().repo());
            cols.int8(e -> e.getValue().events);
            cols.float8(e -> e.getValue().cost);
            cols.time(e -> e.getValue().first);
            cols.time(e -> e.getValue().last);
            ps.executeUpdate();
        }
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
