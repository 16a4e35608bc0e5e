package dev.tokenwise.usage;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.tokenwise.common.Sums;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.DbException;
import dev.tokenwise.team.TeamChanged;

/**
 * Adds {@link Rollups} deltas to the rollup tables in portable SQL (PostgreSQL and H2; H2 has no ON CONFLICT … DO
 * UPDATE): every row is UPDATEd, those that matched nothing are INSERTed … ON CONFLICT DO NOTHING, and those a
 * concurrent transaction inserted in between are UPDATEd again, so no increment is ever lost. Tables are always
 * written in the same order and keys sorted, so concurrent batches wait for each other instead of deadlocking.
 * Ingest on H2 and repricing and realignment on both databases write here; ingest on PostgreSQL is
 * {@link PgArrayWrites}.
 */
@ApplicationScoped
public class RollupUpserts {

    private static final String HOUR_WHERE = " WHERE team_id = ? AND bucket_start = ? AND workflow = ? AND model = ? "
            + "AND tool = ? AND repo = ? AND attributed = ?";
    private static final String UPDATE_HOUR = "UPDATE usage_hourly SET events = events + ?, cost_usd = cost_usd + ?, "
            + "input_tokens = " + Sums.sqlAdd("input_tokens") + ", cached_input_tokens = "
            + Sums.sqlAdd("cached_input_tokens") + ", cache_write_tokens = " + Sums.sqlAdd("cache_write_tokens")
            + ", output_tokens = " + Sums.sqlAdd("output_tokens") + ", reasoning_tokens = "
            + Sums.sqlAdd("reasoning_tokens") + ", unpriced_events = unpriced_events + ?" + HOUR_WHERE;
    private static final String INSERT_HOUR = "INSERT INTO usage_hourly (events, cost_usd, input_tokens, "
            + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, unpriced_events, team_id, "
            + "bucket_start, workflow, model, tool, repo, attributed) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String UPDATE_TEAM_HOUR = "UPDATE usage_team_hourly SET events = events + ?, "
            + "cost_usd = cost_usd + ? WHERE team_id = ? AND bucket_start = ? AND workflow = ?";
    private static final String INSERT_TEAM_HOUR = "INSERT INTO usage_team_hourly (events, cost_usd, team_id, "
            + "bucket_start, workflow) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String SESSION_WHERE = " WHERE session_id = ? AND bucket_start = ? AND team_id = ? "
            + "AND workflow = ? AND model = ? AND tool = ? AND repo = ?";
    private static final String UPDATE_SESSION = "UPDATE usage_session_hourly SET events = events + ?, "
            + "cost_usd = cost_usd + ?, first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?)" + SESSION_WHERE;
    private static final String INSERT_SESSION = "INSERT INTO usage_session_hourly "
            + "(events, cost_usd, first_at, last_at, session_id, bucket_start, team_id, workflow, model, tool, repo) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    static final String INSERT_CONTRIBUTOR = "INSERT INTO usage_contributor (team_id, bucket_start, actor) "
            + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_PR_REF = "INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String EARLIER_PR_REF = "UPDATE usage_pr_ref SET first_seen_at = ? "
            + "WHERE repo = ? AND pull_request = ? AND first_seen_at > ?";

    /** Bound of the caches of rows known to exist; they are simply emptied when full. */
    static final int KNOWN_MAX = 200_000;

    private final Db db;
    private final TransactionSynchronizationRegistry tx;
    // Contributor and PR-reference rows are insert-only and never change once the earliest time is in, so rows this
    // replica committed need no further statement: two round trips fewer per small transaction.
    private final Set<Rollups.ContributorKey> knownContributors = ConcurrentHashMap.newKeySet();
    private final Map<Rollups.PrKey, Instant> knownPrRefs = new ConcurrentHashMap<>();

    public RollupUpserts(Db db, TransactionSynchronizationRegistry tx) {
        this.db = db;
        this.tx = tx;
    }

    void forgetKnownRows(@Observes TeamChanged ev) {
        forgetKnownRows();
    }

    /** Forgets which contributor and PR-reference rows exist (after rows were deleted or rebuilt). */
    void forgetKnownRows() {
        knownContributors.clear();
        knownPrRefs.clear();
    }

    /** Adds the deltas, table by table in a fixed order, keys sorted, in the caller's transaction. */
    void apply(Rollups r) {
        upsert(UPDATE_HOUR, INSERT_HOUR, new ArrayList<>(r.hours.entrySet()), e -> hourRow(e.getKey(), e.getValue()),
                e -> true, "usage_hourly");
        upsert(UPDATE_TEAM_HOUR, INSERT_TEAM_HOUR, new ArrayList<>(r.teamHours.entrySet()),
                e -> new Object[] { e.getValue().events, e.getValue().cost, e.getKey().team(), e.getKey().bucket(),
                        e.getKey().workflow() },
                e -> true, "usage_team_hourly");
        // A negative-only contribution (repricing) never creates a row.
        upsert(UPDATE_SESSION, INSERT_SESSION, new ArrayList<>(r.sessions.entrySet()),
                e -> sessionRow(e.getKey(), e.getValue()), e -> e.getValue().first != null, "usage_session_hourly");
        List<Rollups.ContributorKey> contributors = r.contributors.keySet().stream()
                .filter(k -> !knownContributors.contains(k)).toList();
        Map<Rollups.PrKey, Rollups.PrRef> prRefs = new HashMap<>(r.prRefs);
        prRefs.entrySet().removeIf(e -> {
            Instant known = knownPrRefs.get(e.getKey());
            return known != null && !known.isAfter(e.getValue().firstSeen());
        });
        rememberAfterCommit(contributors, prRefs);
        db.batch(INSERT_CONTRIBUTOR,
                contributors.stream().map(k -> new Object[] { k.team(), k.bucket(), k.actor() }).toList());
        // In key order, as every other table.
        List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> refs = r.prRefs.entrySet().stream()
                .filter(e -> prRefs.containsKey(e.getKey())).toList();
        List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> existing = unchanged(INSERT_PR_REF, refs,
                e -> new Object[] { e.getKey().repo(), e.getKey().pullRequest(), e.getValue().team(),
                        e.getValue().firstSeen() });
        // A late event for an already-known PR may be older than what we saw first.
        db.batch(EARLIER_PR_REF, existing.stream().map(e -> new Object[] { e.getValue().firstSeen(),
                e.getKey().repo(), e.getKey().pullRequest(), e.getValue().firstSeen() }).toList());
    }

    private void rememberAfterCommit(List<Rollups.ContributorKey> contributors,
            Map<Rollups.PrKey, Rollups.PrRef> prRefs) {
        if (contributors.isEmpty() && prRefs.isEmpty()) {
            return;
        }
        Map<Rollups.PrKey, Instant> refs = new HashMap<>();
        prRefs.forEach((k, v) -> refs.put(k, v.firstSeen()));
        tx.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                if (knownContributors.size() > KNOWN_MAX) {
                    knownContributors.clear();
                }
                if (knownPrRefs.size() > KNOWN_MAX) {
                    knownPrRefs.clear();
                }
                knownContributors.addAll(contributors);
                refs.forEach((k, t) -> knownPrRefs.merge(k, t, (a, b) -> a.isBefore(b) ? a : b));
            }
        });
    }

    /**
     * UPDATE every row, INSERT … ON CONFLICT DO NOTHING those that matched nothing, then UPDATE again those a
     * concurrent transaction inserted first. Both statements take the same parameters in the same order.
     */
    private <T> void upsert(String update, String insert, List<T> rows, Function<T, Object[]> params,
            Predicate<T> insertable, String table) {
        if (rows.isEmpty()) {
            return;
        }
        List<T> missing = unchanged(update, rows, params);
        missing.removeIf(insertable.negate());
        if (missing.isEmpty()) {
            return;
        }
        List<T> raced = unchanged(insert, missing, params);
        if (!raced.isEmpty() && !unchanged(update, raced, params).isEmpty()) {
            // A serialization failure: Db.retrying runs the whole transaction again.
            throw new DbException(update, new SQLException(table + " row vanished during upsert", "40001"));
        }
    }

    /** Runs {@code sql} as one batch over {@code rows} and returns the rows it changed nothing for. */
    private <T> List<T> unchanged(String sql, List<T> rows, Function<T, Object[]> params) {
        int[] counts = db.batch(sql, rows.stream().map(params).toList());
        List<T> none = new ArrayList<>();
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                none.add(rows.get(j));
            }
        }
        return none;
    }

    /** Same parameter order for UPDATE_HOUR and INSERT_HOUR: the sums, then the key. */
    private static Object[] hourRow(Rollups.HourKey k, Rollups.HourSums s) {
        return new Object[] { s.events, s.cost, s.input, s.cached, s.cacheWrite, s.output, s.reasoning, s.unpriced,
                k.team(), k.bucket(), k.workflow(), k.model(), k.tool(), k.repo(), k.attributed() };
    }

    private static Object[] sessionRow(Rollups.SessionKey k, Rollups.SessionSums s) {
        // LEAST/GREATEST ignore NULL on both databases: a negative contribution leaves first/last as they are.
        Object none = Db.nullOf(Types.TIMESTAMP_WITH_TIMEZONE);
        return new Object[] { s.events, s.cost, s.first == null ? none : s.first, s.last == null ? none : s.last,
                k.session(), k.bucket(), k.team(), k.workflow(), k.model(), k.tool(), k.repo() };
    }
}
