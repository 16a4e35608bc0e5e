package dev.tokenwise.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

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

    /** Binds the guarded UPDATE of one moved event's row. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps, Move move) throws SQLException;
    }

    private RollupMoves() {
    }

    /**
     * Runs {@code guardedUpdate} for every move, then takes the figures of the rows it changed out of their old
     * rollup rows and into their new ones, and deletes rollup rows left without events. Distinct contributors are
     * not moved here: repricing changes none, and realignment rebuilds them once after its last page.
     *
     * @return the moves whose row was updated
     */
    static int apply(Connection c, UsageStore store, String guardedUpdate, Binder binder, List<Move> moves)
            throws SQLException {
        if (moves.isEmpty()) {
            return 0;
        }
        Rollups rollups = new Rollups();
        int moved = 0;
        try (PreparedStatement ps = c.prepareStatement(guardedUpdate)) {
            for (Move m : moves) {
                binder.bind(ps, m);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    rollups.add(moves.get(i).before(), -1);
                    rollups.add(moves.get(i).after(), 1);
                    moved++;
                }
            }
        }
        rollups.contributors.clear();
        store.apply(c, rollups);
        dropEmptyRows(c, rollups);
        return moved;
    }

    /** The bucket an event was rolled up in: as stored, else (stored before buckets were recorded) its UTC hour. */
    static Instant storedBucket(OffsetDateTime stored, Instant occurredAt) {
        return stored != null ? stored.toInstant() : Rollups.utcBucketOf(occurredAt);
    }

    /**
     * Rollup rows a move emptied: an unknown model's name that now prices as a table key, or a bucket whose events
     * moved to the team's new local hours.
     */
    private static void dropEmptyRows(Connection c, Rollups r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_hourly WHERE events = 0 AND team_id = ? "
                + "AND bucket_start = ? AND workflow = ? AND model = ? AND tool = ? AND repo = ? AND attributed = ?")) {
            for (var e : r.hours.entrySet()) {
                if (e.getValue().events < 0) {
                    var k = e.getKey();
                    ps.setString(1, k.team());
                    ps.setObject(2, UsageStore.utc(k.bucket()));
                    ps.setString(3, k.workflow());
                    ps.setString(4, k.model());
                    ps.setString(5, k.tool());
                    ps.setString(6, k.repo());
                    ps.setBoolean(7, k.attributed());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_team_hourly WHERE events = 0 AND team_id = ? "
                + "AND bucket_start = ? AND workflow = ?")) {
            for (var e : r.teamHours.entrySet()) {
                if (e.getValue().events < 0) {
                    ps.setString(1, e.getKey().team());
                    ps.setObject(2, UsageStore.utc(e.getKey().bucket()));
                    ps.setString(3, e.getKey().workflow());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_session_hourly WHERE events = 0 "
                + "AND session_id = ? AND bucket_start = ? AND team_id = ? AND workflow = ? AND model = ? AND tool = ? "
                + "AND repo = ?")) {
            for (var e : r.sessions.entrySet()) {
                if (e.getValue().events < 0) {
                    var k = e.getKey();
                    ps.setString(1, k.session());
                    ps.setObject(2, UsageStore.utc(k.bucket()));
                    ps.setString(3, k.team());
                    ps.setString(4, k.workflow());
                    ps.setString(5, k.model());
                    ps.setString(6, k.tool());
                    ps.setString(7, k.repo());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
