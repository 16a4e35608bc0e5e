package dev.tokenwise.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.tokenwise.common.db.Db;

/**
 * Moves stored events' figures between rollup rows: repricing (an event's cost changes) and realignment (its bucket
 * changes to the team's new local hours) both read a page of events, decide what each becomes, update each event's
 * row with a statement guarded by what was read, and move the figures of exactly the rows that statement changed —
 * so a row another replica changed meanwhile stays with that replica, and an event's row always says where its
 * figures are.
 */
final class RollupMoves {

    /** A stored event (row {@code id}) before and after the change. */
    record Move(long id, UsageEvent before, UsageEvent after) {
    }

    private RollupMoves() {
    }

    /**
     * Runs {@code guardedUpdate} (parameters from {@code params}) for every move, then takes the figures of the rows
     * it changed out of their old rollup rows and into their new ones, and deletes rollup rows left without events,
     * in the caller's transaction. Distinct contributors are not moved here: repricing changes none, and
     * realignment rebuilds them once after its last page.
     *
     * @return the moves whose row was updated
     */
    static int apply(Db db, RollupUpserts upserts, String guardedUpdate, Function<Move, Object[]> params,
            List<Move> moves) {
        if (moves.isEmpty()) {
            return 0;
        }
        Rollups rollups = new Rollups();
        int moved = 0;
        int[] counts = db.batch(guardedUpdate, moves.stream().map(params).toList());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                rollups.add(moves.get(i).before(), -1);
                rollups.add(moves.get(i).after(), 1);
                moved++;
            }
        }
        rollups.contributors.clear();
        upserts.apply(rollups);
        dropEmptyRows(db, rollups);
        return moved;
    }

    /**
     * Takes deleted events' figures out of their rollup rows and deletes rows left without events, in the caller's
     * transaction (a session's metric points, once its events count instead). Contributors stay: the person did
     * contribute.
     */
    static void takeOut(Db db, RollupUpserts upserts, List<UsageEvent> deleted) {
        if (deleted.isEmpty()) {
            return;
        }
        Rollups rollups = new Rollups();
        deleted.forEach(e -> rollups.add(e, -1));
        upserts.apply(rollups);
        dropEmptyRows(db, rollups);
    }

    /** The bucket an event was rolled up in: as stored, else (stored before buckets were recorded) its UTC hour. */
    static Instant storedBucket(Instant stored, Instant occurredAt) {
        return stored != null ? stored : Rollups.utcBucketOf(occurredAt);
    }

    /**
     * Rollup rows a move emptied: an unknown model's name that now prices as a table key, or a bucket whose events
     * moved to the team's new local hours.
     */
    private static void dropEmptyRows(Db db, Rollups r) {
        db.batch("DELETE FROM usage_hourly WHERE events = 0 AND team_id = ? AND bucket_start = ? AND workflow = ? "
                + "AND model = ? AND tool = ? AND repo = ? AND attributed = ?",
                emptied(r.hours, s -> s.events < 0,
                        k -> new Object[] { k.team(), k.bucket(), k.workflow(), k.model(), k.tool(), k.repo(),
                                k.attributed() }));
        db.batch("DELETE FROM usage_team_hourly WHERE events = 0 AND team_id = ? AND bucket_start = ? "
                + "AND workflow = ?",
                emptied(r.teamHours, s -> s.events < 0,
                        k -> new Object[] { k.team(), k.bucket(), k.workflow() }));
        db.batch("DELETE FROM usage_session_hourly WHERE events = 0 AND session_id = ? AND bucket_start = ? "
                + "AND team_id = ? AND workflow = ? AND model = ? AND tool = ? AND repo = ?",
                emptied(r.sessions, s -> s.events < 0, k -> new Object[] { k.session(), k.bucket(), k.team(),
                        k.workflow(), k.model(), k.tool(), k.repo() }));
    }

    /** The keys of the rows that lost events, as DELETE parameters. */
    private static <K, S> List<Object[]> emptied(Map<K, S> rows, Predicate<S> lost, Function<K, Object[]> key) {
        return rows.entrySet().stream().filter(e -> lost.test(e.getValue())).map(e -> key.apply(e.getKey())).toList();
    }
}
