package dev.tokenwise.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.chat.ChatFile;
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

    /**
     * A claimed row. {@code unknownOutcome}: a previous attempt may have posted it. {@code file}: the file that goes
     * out first, with its delivery so far, or null.
     */
    record Claimed(long id, String dedupKey, String channel, String text, String blocksJson, int attempts,
            Instant createdAt, boolean unknownOutcome, FileState file) {
    }

    /**
     * A message's file and how far its delivery got: {@code new}, {@code uploaded} ({@code fileId} known),
     * {@code completing} (shared, outcome unknown) or {@code shared}.
     */
    record FileState(String filename, String title, String altText, byte[] content, String state, String fileId) {
    }

    /** The longest {@code last_error} kept. */
    private static final int MAX_ERROR = 1000;

    private final Db db;

    public OutboxRepository(Db db) {
        this.db = db;
    }

    /** Inserts a pending message; false when its dedup key is already there. */
    boolean insert(String dedupKey, String teamId, String kind, ChatMessage message, ChatFile file, Instant now) {
        // Note: ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode) keeps a concurrent duplicate
        // from failing the caller's transaction, which a unique-violation exception would.
        boolean inserted = db.update("INSERT INTO outbox_message (dedup_key, team_id, kind, channel, text, "
                + "blocks_json, status, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING", dedupKey, teamId, kind,
                message.channel(), message.text(), message.blocksJson(), now, now) == 1;
        if (inserted && file != null) {
            db.update("INSERT INTO outbox_file (message_id, filename, title, alt_text, content, state) "
                    + "SELECT id, ?, ?, ?, ?, 'new' FROM outbox_message WHERE dedup_key = ?", file.filename(),
                    file.title(), file.altText(), file.content(), dedupKey);
        }
        return inserted;
    }

    /**
     * Records how far a claimed row's file got ({@code uploaded}, {@code completing}, {@code shared}); false when our
     * claim had expired meanwhile (then another sender owns the row and nothing is changed).
     */
    boolean recordFile(Claimed c, String owner, String state, String fileId) {
        return db.update("UPDATE outbox_file SET state = ?, file_id = COALESCE(?, file_id) WHERE message_id = ? "
                + "AND EXISTS (SELECT 1 FROM outbox_message m WHERE m.id = ? AND m.claimed_by = ?)", state, fileId,
                c.id(), c.id(), owner) == 1;
    }

    /** The content of a message's file, for the admin API. */
    Optional<byte[]> fileContent(long messageId) {
        return db.one("SELECT content FROM outbox_file WHERE message_id = ?", rs -> rs.getBytes(1), messageId);
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
        return db.one("SELECT m.dedup_key, m.channel, m.text, m.blocks_json, m.attempts, m.created_at, f.filename, "
                + "f.title, f.alt_text, f.content, f.state, f.file_id FROM outbox_message m "
                + "LEFT JOIN outbox_file f ON f.message_id = m.id WHERE m.id = ?",
                rs -> new Claimed(due.id(), rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), Rows.instant(rs, 6), unknownOutcome,
                        rs.getString(7) == null ? null
                                : new FileState(rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10),
                                        rs.getString(11), rs.getString(12))),
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
        return db.list("SELECT m.id, m.dedup_key, m.team_id, m.kind, m.channel, m.text, m.status, m.attempts, "
                + "m.created_at, m.next_attempt_at, m.sent_at, m.slack_ts, m.last_error, f.filename, f.alt_text, "
                + "f.state, f.file_id FROM outbox_message m LEFT JOIN outbox_file f ON f.message_id = m.id "
                + "ORDER BY m.created_at DESC, m.id DESC LIMIT ?",
                rs -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), Rows.instant(rs, 9),
                        Rows.instant(rs, 10), Rows.instant(rs, 11), rs.getString(12), rs.getString(13),
                        rs.getString(14) == null ? null
                                : new OutboxEntry.File(rs.getString(14), rs.getString(15), rs.getString(16),
                                        rs.getString(17), "/api/admin/outbox/" + rs.getLong(1) + "/file")),
                limit);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
