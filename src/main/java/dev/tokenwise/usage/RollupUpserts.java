package dev.tokenwise.usage;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
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
            + "cost_usd = cost_usd + ?, direct_cost_usd = direct_cost_usd + ?, first_at = LEAST(first_at, ?), "
            + "last_at = GREATEST(last_at, ?)" + SESSION_WHERE;
    private static final String INSERT_SESSION = "INSERT INTO usage_session_hourly (events, cost_usd, "
            + "direct_cost_usd, first_at, last_at, session_id, bucket_start, team_id, workflow, model, tool, repo) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    static final String INSERT_CONTRIBUTOR = "INSERT INTO usage_contributor (team_id, bucket_start, actor) "
            + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    // A late event for an already-known PR may be older than what was seen first; LEAST ignores a NULL (taking
    // events out) on both databases.
    private static final String UPDATE_PR_REF = "UPDATE usage_pr_ref SET cost_usd = cost_usd + ?, "
            + "first_seen_at = LEAST(first_seen_at, ?) WHERE repo = ? AND pull_request = ?";
    private static final String INSERT_PR_REF = "INSERT INTO usage_pr_ref (cost_usd, first_seen_at, repo, "
            + "pull_request, team_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** Bound of the caches of rows known to exist; they are simply emptied when full. */
    static final int KNOWN_MAX = 200_000;

    private final Db db;
    private final TransactionSynchronizationRegistry tx;
    // Contributor rows are insert-only, so rows this replica committed need no further statement: a round trip
    // fewer per small transaction.
    private final Set<Rollups.ContributorKey> knownContributors = ConcurrentHashMap.newKeySet();

    public RollupUpserts(Db db, TransactionSynchronizationRegistry tx) {
        this.db = db;
        this.tx = tx;
    }

    void forgetKnownRows(@Observes TeamChanged ev) {
        forgetKnownRows();
    }

    /** Forgets which contributor rows exist (after rows were deleted or rebuilt). */
    void forgetKnownRows() {
        knownContributors.clear();
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
        rememberAfterCommit(contributors);
        db.batch(INSERT_CONTRIBUTOR,
                contributors.stream().map(k -> new Object[] { k.team(), k.bucket(), k.actor() }).toList());
        // Every reference carries cost now (the direct part of a PR's attributed cost): always written.
        List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> refs = new ArrayList<>(r.prRefs.entrySet());
        Function<Map.Entry<Rollups.PrKey, Rollups.PrRef>, Object[]> ref = e -> new Object[] { e.getValue().cost(),
                e.getValue().firstSeen() == null ? Db.nullOf(Types.TIMESTAMP_WITH_TIMEZONE) : e.getValue().firstSeen(),
                e.getKey().repo(), e.getKey().pullRequest(), e.getValue().team() };
        List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> missing = unchanged(UPDATE_PR_REF, refs,
                e -> Arrays.copyOf(ref.apply(e), 4));
        missing.removeIf(e -> e.getValue().firstSeen() == null);
        List<Map.Entry<Rollups.PrKey, Rollups.PrRef>> raced = missing.isEmpty() ? missing
                : unchanged(INSERT_PR_REF, missing, ref);
        if (!raced.isEmpty() && !unchanged(UPDATE_PR_REF, raced, e -> Arrays.copyOf(ref.apply(e), 4)).isEmpty()) {
            throw new DbException(UPDATE_PR_REF, new SQLException("usage_pr_ref row vanished during upsert", "40001"));
        }
    }

    private void rememberAfterCommit(List<Rollups.ContributorKey> contributors) {
        if (contributors.isEmpty()) {
            return;
        }
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
                knownContributors.addAll(contributors);
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
        return new Object[] { s.events, s.cost, s.direct, s.first == null ? none : s.first,
                s.last == null ? none : s.last,
                k.session(), k.bucket(), k.team(), k.workflow(), k.model(), k.tool(), k.repo() };
    }
}
