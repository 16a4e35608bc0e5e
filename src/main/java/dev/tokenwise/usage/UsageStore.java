package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tokenwise.common.Sums;
import dev.tokenwise.team.TeamChanged;

/**
 * Plain-JDBC writes of usage events and their rollups, on a connection the caller's transaction owns.
 * On PostgreSQL an ingest write is one statement ({@link PgArrayWrites}). Elsewhere, and for repricing, portable
 * SQL (PostgreSQL and H2): rollups are upserted as UPDATE, then INSERT … ON CONFLICT DO NOTHING for
 * the rows that did not exist, then UPDATE again for rows a concurrent transaction inserted in between, so no
 * increment is ever lost. Tables are always written in the same order and keys sorted, so concurrent batches
 * wait for each other instead of deadlocking.
 */
@ApplicationScoped
public class UsageStore {

    static final String INSERT_EVENT = "INSERT INTO usage_event (event_key, occurred_at, team_id, repo, workflow, tool, "
            + "model, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, "
            + "cost_reported, priced, session_id, pull_request, actor, source, received_at, bucket_start) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String HOUR_WHERE = " WHERE team_id = ? AND bucket_start = ? AND workflow = ? AND model = ? "
            + "AND tool = ? AND repo = ? AND attributed = ?";
    private static final String UPDATE_HOUR = "UPDATE usage_hourly SET events = events + ?, cost_usd = cost_usd + ?, "
            + "input_tokens = " + Sums.sqlAdd("input_tokens") + ", cached_input_tokens = "
            + Sums.sqlAdd("cached_input_tokens") + ", cache_write_tokens = " + Sums.sqlAdd("cache_write_tokens")
            + ", output_tokens = " + Sums.sqlAdd("output_tokens") + ", reasoning_tokens = "
            + Sums.sqlAdd("reasoning_tokens") + ", unpriced_events = unpriced_events + ?" + HOUR_WHERE;
    private static final String INSERT_HOUR = "INSERT INTO usage_hourly (events, cost_usd, input_tokens, "
            + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, unpriced_events, team_id, "
            + "bucket_start, workflow, model, tool, repo, attributed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private static final String UPDATE_TEAM_HOUR = "UPDATE usage_team_hourly SET events = events + ?, "
            + "cost_usd = cost_usd + ? WHERE team_id = ? AND bucket_start = ? AND workflow = ?";
    private static final String INSERT_TEAM_HOUR = "INSERT INTO usage_team_hourly (events, cost_usd, team_id, "
            + "bucket_start, workflow) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String SESSION_WHERE = " WHERE session_id = ? AND bucket_start = ? AND team_id = ? "
            + "AND workflow = ? AND model = ? AND tool = ? AND repo = ?";
    private static final String UPDATE_SESSION = "UPDATE usage_session_hourly SET events = events + ?, "
            + "cost_usd = cost_usd + ?, first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?)" + SESSION_WHERE;
    private static final String INSERT_SESSION = "INSERT INTO usage_session_hourly (events, cost_usd, first_at, last_at, "
            + "session_id, bucket_start, team_id, workflow, model, tool, repo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    static final String INSERT_CONTRIBUTOR = "INSERT INTO usage_contributor (team_id, bucket_start, actor) "
            + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_PR_REF = "INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String EARLIER_PR_REF = "UPDATE usage_pr_ref SET first_seen_at = ? "
            + "WHERE repo = ? AND pull_request = ? AND first_seen_at > ?";

    /** Bound of the caches of rows known to exist; they are simply emptied when full. */
    static final int KNOWN_MAX = 200_000;

    private final Clock clock;
    private final TransactionSynchronizationRegistry tx;
    // Portable path only (the PostgreSQL statement inserts them with ON CONFLICT at no extra round trip):
    // contributor and PR-reference rows are insert-only and never change once the earliest time is in, so rows this
    // replica committed need no further statement: two round trips fewer per small transaction.
    private final Set<Rollups.ContributorKey> knownContributors = ConcurrentHashMap.newKeySet();
    private final Map<Rollups.PrKey, Instant> knownPrRefs = new ConcurrentHashMap<>();

    private final boolean postgres;

    public UsageStore(Clock clock, TransactionSynchronizationRegistry tx,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.clock = clock;
        this.tx = tx;
        this.postgres = "postgresql".equals(dbKind);
    }

    /** True when {@link #write} is one SQL statement (PostgreSQL), so auto-commit alone makes it atomic. */
    public boolean writesInOneStatement() {
        return postgres;
    }

    void forgetKnownRows(@Observes TeamChanged ev) {
        forgetKnownRows();
    }

    /** Forgets which contributor and PR-reference rows exist (after rows were deleted or rebuilt). */
    void forgetKnownRows() {
        knownContributors.clear();
        knownPrRefs.clear();
    }

    /**
     * Inserts the events that are new (by {@code eventKey}; a key repeated in the list or already stored is a
     * duplicate) and adds them to the rollups.
     *
     * @return per event of {@code events} (same order): true when it was stored, false for a duplicate
     */
    public boolean[] write(Connection c, List<UsageEvent> events) throws SQLException {
        return write(c, events, null);
    }

    /**
     * As {@link #write(Connection, List)}, on a connection whose transaction the caller commits itself (no JTA):
     * what must happen only once the transaction committed is added to {@code afterCommit} for the caller to run.
     */
    public boolean[] write(Connection c, List<UsageEvent> events, List<Runnable> afterCommit) throws SQLException {
        boolean[] stored = new boolean[events.size()];
        // Within the batch the first occurrence of a key wins; the others are duplicates without asking the DB.
        Map<String, Integer> firstOfKey = new HashMap<>();
        List<Integer> order = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String key = events.get(i).eventKey();
            if (key == null || firstOfKey.putIfAbsent(key, i) == null) {
                order.add(i);
            }
        }
        // Note: keyed rows in key order, so two batches sharing keys block on the unique index instead of deadlocking.
        order.sort(Comparator.comparing((Integer i) -> events.get(i).eventKey(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (postgres) {
            // One statement stores the events and all their rollups (see PgArrayWrites).
            Set<String> fresh = PgArrayWrites.write(c, order.stream().map(events::get).toList(), now);
            for (int i : order) {
                String key = events.get(i).eventKey();
                stored[i] = key == null || fresh.contains(key);
            }
            return stored;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT + " ON CONFLICT DO NOTHING")) {
            for (int i : order) {
                bindEvent(ps, events.get(i), now);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int j = 0; j < counts.length; j++) {
                // SUCCESS_NO_INFO (-2) only happens with batch rewriting, which would hide duplicates; treat as stored.
                stored[order.get(j)] = counts[j] != 0;
            }
        }
        Rollups rollups = new Rollups();
        for (int i = 0; i < events.size(); i++) {
            if (stored[i]) {
                rollups.add(events.get(i), 1);
            }
        }
        apply(c, rollups, afterCommit);
        return stored;
    }

    /** Binds the 21 columns of {@link #INSERT_EVENT}. */
    static void bindEvent(PreparedStatement ps, UsageEvent e, OffsetDateTime receivedAt) throws SQLException {
        ps.setString(1, e.eventKey());
        ps.setObject(2, utc(e.occurredAt()));
        ps.setString(3, e.teamId());
        ps.setString(4, e.repo());
        ps.setString(5, e.workflow());
        ps.setString(6, e.tool());
        ps.setString(7, e.model());
        ps.setLong(8, e.inputTokens());
        ps.setLong(9, e.cachedInputTokens());
        ps.setLong(10, e.cacheWriteTokens());
        ps.setLong(11, e.outputTokens());
        ps.setLong(12, e.reasoningTokens());
        ps.setDouble(13, e.costUsd());
        ps.setBoolean(14, e.costReported());
        ps.setBoolean(15, e.priced());
        ps.setString(16, e.sessionId());
        if (e.pullRequest() == null) {
            ps.setNull(17, Types.INTEGER);
        } else {
            ps.setInt(17, e.pullRequest());
        }
        ps.setString(18, e.actor());
        ps.setString(19, e.source());
        ps.setObject(20, receivedAt);
        ps.setObject(21, utc(e.bucket()));
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** Writes the rollup contributions, table by table in a fixed order, keys sorted. */
    void apply(Connection c, Rollups r) throws SQLException {
        apply(c, r, null);
    }

    private void apply(Connection c, Rollups r, List<Runnable> afterCommit) throws SQLException {
        upsertHours(c, r);
        upsertTeamHours(c, r);
        upsertSessions(c, r);
        List<Rollups.ContributorKey> contributors = r.contributors.keySet().stream()
                .filter(k -> !knownContributors.contains(k)).toList();
        r.prRefs.entrySet().removeIf(e -> {
            Instant known = knownPrRefs.get(e.getKey());
            return known != null && !known.isAfter(e.getValue().firstSeen());
        });
        rememberAfterCommit(contributors, r.prRefs, afterCommit);
        if (!contributors.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_CONTRIBUTOR)) {
                for (Rollups.ContributorKey k : contributors) {
                    ps.setString(1, k.team());
                    ps.setObject(2, utc(k.bucket()));
                    ps.setString(3, k.actor());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!r.prRefs.isEmpty()) {
            List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> existing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(INSERT_PR_REF)) {
                for (var e : r.prRefs.entrySet()) {
                    ps.setString(1, e.getKey().repo());
                    ps.setInt(2, e.getKey().pullRequest());
                    ps.setString(3, e.getValue().team());
                    ps.setObject(4, utc(e.getValue().firstSeen()));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                int j = 0;
                for (var e : r.prRefs.entrySet()) {
                    if (counts[j++] == 0) {
                        existing.add(e);
                    }
                }
            }
            if (!existing.isEmpty()) {
                // A late event for an already-known PR may be older than what we saw first.
                try (PreparedStatement ps = c.prepareStatement(EARLIER_PR_REF)) {
                    for (var e : existing) {
                        ps.setObject(1, utc(e.getValue().firstSeen()));
                        ps.setString(2, e.getKey().repo());
                        ps.setInt(3, e.getKey().pullRequest());
                        ps.setObject(4, utc(e.getValue().firstSeen()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
    }

    private void rememberAfterCommit(List<Rollups.ContributorKey> contributors,
            Map<Rollups.PrKey, Rollups.PrRef> prRefs, List<Runnable> afterCommit) {
        if (contributors.isEmpty() && prRefs.isEmpty()) {
            return;
        }
        Map<Rollups.PrKey, Instant> refs = new HashMap<>();
        prRefs.forEach((k, v) -> refs.put(k, v.firstSeen()));
        Runnable remember = () -> {
            if (knownContributors.size() > KNOWN_MAX) {
                knownContributors.clear();
            }
            if (knownPrRefs.size() > KNOWN_MAX) {
                knownPrRefs.clear();
            }
            knownContributors.addAll(contributors);
            refs.forEach((k, t) -> knownPrRefs.merge(k, t, (a, b) -> a.isBefore(b) ? a : b));
        };
        if (afterCommit != null) {
            afterCommit.add(remember);
            return;
        }
        tx.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    remember.run();
                }
            }
        });
    }

    /** Binds one row's parameters to a statement. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private void upsertHours(Connection c, Rollups r) throws SQLException {
        upsert(c, UPDATE_HOUR, INSERT_HOUR, new ArrayList<>(r.hours.entrySet()),
                (ps, e) -> bindHour(ps, e.getKey(), e.getValue()), e -> true, "usage_hourly");
    }

    private void upsertTeamHours(Connection c, Rollups r) throws SQLException {
        upsert(c, UPDATE_TEAM_HOUR, INSERT_TEAM_HOUR, new ArrayList<>(r.teamHours.entrySet()), (ps, e) -> {
            ps.setLong(1, e.getValue().events);
            ps.setDouble(2, e.getValue().cost);
            ps.setString(3, e.getKey().team());
            ps.setObject(4, utc(e.getKey().bucket()));
            ps.setString(5, e.getKey().workflow());
        }, e -> true, "usage_team_hourly");
    }

    private void upsertSessions(Connection c, Rollups r) throws SQLException {
        // A negative-only contribution (repricing) never creates a row.
        upsert(c, UPDATE_SESSION, INSERT_SESSION, new ArrayList<>(r.sessions.entrySet()),
                (ps, e) -> bindSession(ps, e.getKey(), e.getValue()), e -> e.getValue().first != null,
                "usage_session_hourly");
    }

    /**
     * Portable upsert of rollup rows (H2 has no ON CONFLICT … DO UPDATE): UPDATE every row, INSERT … ON CONFLICT
     * DO NOTHING those that matched nothing, then UPDATE again those a concurrent transaction inserted first.
     * Both statements take the same parameters in the same order.
     */
    private static <T> void upsert(Connection c, String update, String insert, List<T> rows, Binder<T> binder,
            Predicate<T> insertable, String table) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<T> missing = unchanged(c, update, rows, binder);
        missing.removeIf(insertable.negate());
        if (missing.isEmpty()) {
            return;
        }
        List<T> raced = unchanged(c, insert, missing, binder);
        if (!raced.isEmpty() && !unchanged(c, update, raced, binder).isEmpty()) {
            throw new SQLException(table + " row vanished during upsert", "40001");
        }
    }

    /** Runs {@code sql} as one batch over {@code rows} and returns the rows it changed nothing for. */
    private static <T> List<T> unchanged(Connection c, String sql, List<T> rows, Binder<T> binder)
            throws SQLException {
        List<T> none = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] == 0) {
                    none.add(rows.get(j));
                }
            }
        }
        return none;
    }

    /** Same parameter order for UPDATE_HOUR and INSERT_HOUR: the sums, then the key. */
    private static void bindHour(PreparedStatement ps, Rollups.HourKey k, Rollups.HourSums s) throws SQLException {
        ps.setLong(1, s.events);
        ps.setDouble(2, s.cost);
        ps.setLong(3, s.input);
        ps.setLong(4, s.cached);
        ps.setLong(5, s.cacheWrite);
        ps.setLong(6, s.output);
        ps.setLong(7, s.reasoning);
        ps.setLong(8, s.unpriced);
        ps.setString(9, k.team());
        ps.setObject(10, utc(k.bucket()));
        ps.setString(11, k.workflow());
        ps.setString(12, k.model());
        ps.setString(13, k.tool());
        ps.setString(14, k.repo());
        ps.setBoolean(15, k.attributed());
    }

    private static void bindSession(PreparedStatement ps, Rollups.SessionKey k, Rollups.SessionSums s)
            throws SQLException {
        ps.setLong(1, s.events);
        ps.setDouble(2, s.cost);
        // LEAST/GREATEST ignore NULL on both databases: a negative contribution leaves first/last as they are.
        ps.setObject(3, utc(s.first), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(4, utc(s.last), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(5, k.session());
        ps.setObject(6, utc(k.bucket()));
        ps.setString(7, k.team());
        ps.setString(8, k.workflow());
        ps.setString(9, k.model());
        ps.setString(10, k.tool());
        ps.setString(11, k.repo());
    }
}
