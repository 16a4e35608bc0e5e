package dev.tokenwise.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A message with a file (the digest's chart) against the fake Slack Web API over real HTTP: uploaded once with the
 * external-upload flow, shared once into the channel, then the message posted once — through a 429, a lost answer
 * and a sender that died half way.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class OutboxFileDeliveryTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxRows rows;

    @Inject
    Db db;

    @Inject
    MutableClock clock;

    FakeSlack slack;

    private record FileRow(String state, String fileId) {
    }

    @BeforeEach
    void setUp() {
        slack = FakeSlack.INSTANCE;
        clock.set(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
        sender.resetPause();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private static ChatFile chart(String name) {
        return new ChatFile(name + ".png", "Chart " + name, "Alt of " + name,
                ("PNG bytes of " + name).getBytes(StandardCharsets.UTF_8));
    }

    private boolean enqueue(String key, String channel, Runnable alsoInTransaction) {
        return db.newTransaction(() -> {
            boolean queued = outbox.enqueue(key, "obf-team", "digest", new ChatMessage(channel, "digest " + key,
                    null), chart(key.replace(':', '-')));
            alsoInTransaction.run();
            return queued;
        });
    }

    private FileRow file(String key) {
        return db.newTransaction(() -> db.one("SELECT f.state, f.file_id FROM outbox_file f JOIN outbox_message m "
                + "ON m.id = f.message_id WHERE m.dedup_key = ?", rs -> new FileRow(rs.getString(1), rs.getString(2)),
                key).orElseThrow());
    }

    private List<FakeSlack.Call> uploadUrlCalls(String filename) {
        return slack.calls("/api/files.getUploadURLExternal").stream()
                .filter(c -> filename.equals(c.form().get("filename"))).toList();
    }

    private List<FakeSlack.Call> completeCalls(String channel) {
        return slack.calls("/api/files.completeUploadExternal").stream()
                .filter(c -> channel.equals(c.form().get("channel_id"))).toList();
    }

    private void awaitSettled(String key, int attempts) {
        Await.until(key + " settled after attempt " + attempts, () -> {
            OutboxRows.Row r = rows.row(key);
            return r != null && r.attempts() >= attempts && r.claimedBy() == null;
        });
    }

    @Test
    void theFileIsUploadedAndSharedOnceThenTheMessageIsPosted() {
        assertTrue(enqueue("obf:plain", "COBF01", () -> {
        }));
        Await.until("sent", () -> "sent".equals(rows.row("obf:plain").status()));
        List<FakeSlack.Call> urls = uploadUrlCalls("obf-plain.png");
        assertEquals(1, urls.size());
        assertEquals("Alt of obf-plain", urls.get(0).form().get("alt_txt"));
        assertEquals(Integer.toString("PNG bytes of obf-plain".length()), urls.get(0).form().get("length"));
        FileRow f = file("obf:plain");
        assertEquals("shared", f.state());
        assertArrayEquals("PNG bytes of obf-plain".getBytes(StandardCharsets.UTF_8), slack.uploaded(f.fileId()));
        assertEquals(1, completeCalls("COBF01").size());
        List<FakeSlack.Shared> shared = slack.shared("COBF01");
        assertEquals(1, shared.size());
        assertEquals(f.fileId(), shared.get(0).fileId());
        assertEquals("Chart obf-plain", shared.get(0).title());
        assertEquals(1, slack.postedWithKey("obf:plain").size());
        // The chart goes first, then the digest.
        List<String> paths = slack.paths();
        int share = paths.indexOf("/api/files.completeUploadExternal");
        int post = paths.lastIndexOf("/api/chat.postMessage");
        assertTrue(share >= 0 && share < post, paths.toString());
        assertEquals(0, sender.sendDue(), "nothing left to send");
    }

    @Test
    void aRateLimitedShareWaitsAndSharesTheSameUploadOnce() {
        slack.failNext("files.completeUploadExternal", 1, 429, Map.of("Retry-After", "30"));
        enqueue("obf:429", "COBF02", () -> {
        });
        awaitSettled("obf:429", 1);
        assertEquals("pending", rows.row("obf:429").status());
        assertEquals("ratelimited", rows.row("obf:429").lastError());
        FileRow uploaded = file("obf:429");
        assertEquals("uploaded", uploaded.state());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, sender.sendDue(), "still within Retry-After");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sender.sendDue());
        assertEquals("sent", rows.row("obf:429").status());
        assertEquals(1, uploadUrlCalls("obf-429.png").size(), "uploaded once");
        assertEquals(2, completeCalls("COBF02").size(), "one refused, one taken");
        assertEquals(List.of(uploaded.fileId()), slack.shared("COBF02").stream().map(FakeSlack.Shared::fileId)
                .toList());
        assertEquals(1, slack.posted("COBF02").size());
    }

    @Test
    void aShareWhoseAnswerWasLostIsLookedUpNotRepeated() {
        // Slack shared the file but the answer was a 502: the outcome is unknown to us.
        slack.failNext("files.completeUploadExternal", 1, 502, Map.of());
        enqueue("obf:lost", "COBF03", () -> {
        });
        awaitSettled("obf:lost", 1);
        FileRow f = file("obf:lost");
        assertEquals("completing", f.state());
        assertEquals(0, slack.posted("COBF03").size(), "the digest waits for its chart");
        slack.seedShared("COBF03", f.fileId());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, sender.sendDue());
        assertEquals("shared", file("obf:lost").state());
        assertEquals(1, completeCalls("COBF03").size(), "not shared again");
        assertEquals(1, slack.shared("COBF03").size());
        assertEquals(1, slack.posted("COBF03").size());
    }

    @Test
    void afterARestartTheUploadOfTheDeadSenderIsSharedNotUploadedAgain() {
        // A replica uploaded the chart (Slack gave F0DEAD1), recorded it, and died before sharing it.
        enqueue("obf:restart", "COBF04", () -> {
            db.update("UPDATE outbox_message SET status = 'sending', claimed_by = 'dead-replica', attempts = 1, "
                    + "claimed_until = ? WHERE dedup_key = ?", clock.instant().minusSeconds(1), "obf:restart");
            db.update("UPDATE outbox_file SET state = 'uploaded', file_id = 'F0DEAD1' WHERE message_id = "
                    + "(SELECT id FROM outbox_message WHERE dedup_key = ?)", "obf:restart");
        });
        Await.until("sent", () -> "sent".equals(rows.row("obf:restart").status()));
        assertEquals(0, uploadUrlCalls("obf-restart.png").size(), "not uploaded again");
        assertEquals(List.of("F0DEAD1"), slack.shared("COBF04").stream().map(FakeSlack.Shared::fileId).toList());
        assertEquals(1, slack.posted("COBF04").size());
    }

    @Test
    void afterARestartMidShareTheSharedFileIsFoundAndNotSharedAgain() {
        // A replica shared the chart (Slack has it) and died before recording it.
        slack.seedShared("COBF05", "F0DEAD2");
        enqueue("obf:midshare", "COBF05", () -> {
            db.update("UPDATE outbox_message SET status = 'sending', claimed_by = 'dead-replica', attempts = 1, "
                    + "claimed_until = ? WHERE dedup_key = ?", clock.instant().minusSeconds(1), "obf:midshare");
            db.update("UPDATE outbox_file SET state = 'completing', file_id = 'F0DEAD2' WHERE message_id = "
                    + "(SELECT id FROM outbox_message WHERE dedup_key = ?)", "obf:midshare");
        });
        Await.until("sent", () -> "sent".equals(rows.row("obf:midshare").status()));
        assertEquals(0, uploadUrlCalls("obf-midshare.png").size());
        assertEquals(0, completeCalls("COBF05").size());
        assertEquals(1, slack.shared("COBF05").size());
        assertEquals(1, slack.posted("COBF05").size());
        assertEquals("shared", file("obf:midshare").state());
    }
}
