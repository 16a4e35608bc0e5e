package dev.tokenwise.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/** Reads and rigs outbox rows in tests (each statement auto-committed). */
@ApplicationScoped
public class OutboxRows {

    public record Row(String status, int attempts, String claimedBy, String slackTs, String lastError) {
    }

    private final Db db;

    public OutboxRows(Db db) {
        this.db = db;
    }

    public Row row(String key) {
        return db.one("SELECT status, attempts, claimed_by, slack_ts, last_error FROM outbox_message "
                + "WHERE dedup_key = ?",
                rs -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                key).orElse(null);
    }

    public long count(String keyPrefix) {
        return db.one("SELECT COUNT(*) FROM outbox_message WHERE dedup_key LIKE ?", rs -> rs.getLong(1),
                keyPrefix + "%").orElseThrow();
    }

    /** Runs a statement; its parameters are bound by Db's rules (positional, numbered ?1 … are not supported). */
    public void execute(String sql, Object... params) {
        db.newTransaction(() -> db.update(sql, params));
    }
}
