package dev.tokenwise.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * The SQL of {@code outbox_message}: the enqueue, the sender's claim and recorded result, the admin listing. Each
 * statement runs in the caller's transaction; {@link OutboxSender} gives claim and result one each.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A row that looked due, and the status it had then (which of the two claims applies to it). */
    record Due(long id, String status) {
    }

    /** A claimed row. {@code unknownOutcome}: a previous attempt may have posted it. */
    record Claimed(long id, String dedupKey, String channel, String text, String blocksJson, int attempts,
            Instant createdAt, boolean unknownOutcome) {
    }

    /** The longest {@code last_error} kept. */
    private static final int MAX_ERROR = 1000;

    private final Db db;

    public OutboxRepository(Db db) {
        this.db = db;
    }

    /** Inserts a pending message; false when its dedup key is already there. */
    boolean insert(String dedupKey, String teamId, String kind, ChatMessage message, Instant now) {
        // Note: ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode) keeps a concurrent duplicate
        // from failing the caller's transaction, which a unique-violation exception would.
        return db.update("INSERT INTO outbox_message (dedup_key, team_id, kind, channel, text, "
                + "blocks_json, status, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING", dedupKey, teamId, kind,
                message.channel(), message.text(), message.blocksJson(), now, now) == 1;
    }

    /** The status of the message with this dedup key, if there is one. */
    Optional<String> status(String dedupKey) {
        return db.one("SELECT status FROM outbox_message WHERE dedup_key = ?", rs -> rs.getString(1), dedupKey);
    }

    /** Pending messages of a team and kind, keys with the prefix and before {@code key}, become superseded. */
    int supersedeOlder(String teamId, String kind, String keyPrefix, String key) {
        return db.update("UPDATE outbox_message SET status = 'superseded' WHERE team_id = ? AND kind = ? "
                + "AND status = 'pending' AND dedup_key LIKE ? AND dedup_key < ?", teamId, kind, keyPrefix + "%", key);
    }

    /** Up to {@code limit} rows due at {@code now}: pending ones whose time has come, and expired claims. */
    List<Due> due(Instant now, int limit) {
        return db.list("SELECT id, status FROM outbox_message WHERE (status = 'pending' AND "
                + "next_attempt_at <= ?) OR (status = 'sending' AND claimed_until < ?) ORDER BY id LIMIT ?",
                rs -> new Due(rs.getLong(1), rs.getString(2)), now, now, limit);
    }

    /**
     * Takes a row for {@code owner} until {@code until} with one conditional UPDATE (the row lock makes a second
     * replica's identical UPDATE match nothing), counting the attempt; empty when someone else took it first.
     */
    Optional<Claimed> claim(Due due, String owner, Instant now, Instant until) {
        String condition = "pending".equals(due.status()) ? "status = 'pending' AND next_attempt_at <= ?"
                : "status = 'sending' AND claimed_until < ?";
        int n = db.update("UPDATE outbox_message SET status = 'sending', claimed_by = ?, "
                + "claimed_until = ?, attempts = attempts + 1 WHERE id = ? AND " + condition, owner, until, due.id(),
                now);
        if (n != 1) {
            return Optional.empty();
        }
        boolean unknownOutcome = "sending".equals(due.status());
        return db.one("SELECT dedup_key, channel, text, blocks_json, attempts, created_at FROM outbox_message "
                + "WHERE id = ?",
                rs -> new Claimed(due.id(), rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), Rows.instant(rs, 6), unknownOutcome),
                due.id());
    }

    /**
     * Records the result of an attempt and releases the claim: {@code sent} (with Slack's ts), {@code pending}
     * (to try again at {@code nextAttempt}) or {@code failed}. False when our claim had expired meanwhile.
     */
    boolean recordResult(Claimed c, String owner, String status, String ts, String error, Instant nextAttempt,
            Instant now) {
        return db.update("UPDATE outbox_message SET status = ?, slack_ts = COALESCE(?, slack_ts), "
                + "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, last_error = ?, "
                + "next_attempt_at = COALESCE(?, next_attempt_at), claimed_by = NULL, claimed_until = NULL "
                + "WHERE id = ? AND claimed_by = ?", status, ts, status, now, truncate(error), nextAttempt, c.id(),
                owner) == 1;
    }

    /** Leaves the row 'sending' with a claim that expires at {@code retryAt}, so the next attempt looks first. */
    void recordUnknown(Claimed c, String owner, String error, Instant retryAt) {
        db.update("UPDATE outbox_message SET claimed_by = NULL, claimed_until = ?, next_attempt_at = ?, "
                + "last_error = ? WHERE id = ? AND claimed_by = ?", retryAt, retryAt, truncate(error), c.id(), owner);
    }

    /** The newest {@code limit} messages, for the admin API. */
    List<OutboxEntry> newest(int limit) {
        return db.list("SELECT id, dedup_key, team_id, kind, channel, text, status, attempts, created_at, "
                + "next_attempt_at, sent_at, slack_ts, last_error FROM outbox_message "
                + "ORDER BY created_at DESC, id DESC LIMIT ?",
                rs -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), Rows.instant(rs, 9),
                        Rows.instant(rs, 10), Rows.instant(rs, 11), rs.getString(12), rs.getString(13)),
                limit);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
