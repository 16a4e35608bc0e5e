package dev.tokenwise.outbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The outbox sender against a fake Slack Web API over real HTTP: rate limits, outages, duplicates and a process
 * that died mid-send. The clock is fixed an hour in the past and advanced by hand, so back-off never needs sleeps.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class OutboxSenderTest {

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxRows rows;

    @Inject
    MutableClock clock;

    private static final ObjectMapper JSON = new ObjectMapper();

    FakeSlack slack;

    @BeforeEach
    void setUp() {
        slack = FakeSlack.INSTANCE;
        // Note: whole milliseconds, because the database keeps microseconds (rounded): a clock with nanoseconds
        // would make a row enqueued "now" look due only a moment later.
        clock.set(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
        sender.resetPause();
    }

    @AfterEach
    void tearDown() throws Exception {
        clock.reset();
        slack.up();
    }

    private boolean enqueue(String key, String channel) {
        return db.newTransaction(() -> outbox.enqueue(key, "obx-team", "note",
                new ChatMessage(channel, "hello " + key, "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                        + "\"text\":\"hello\"}}]")));
    }

    private void awaitSettled(String key, int attempts) {
        Await.until(key + " settled after attempt " + attempts, () -> {
            OutboxRows.Row r = rows.row(key);
            return r != null && r.attempts() >= attempts && r.claimedBy() == null;
        });
    }

    @Test
    void postsOnceAfterCommitWithTheDedupKeyAsMetadata() throws Exception {
        assertTrue(enqueue("obx:plain", "COBX01"));
        Await.until("posted", () -> "sent".equals(rows.row("obx:plain").status()));
        var posted = slack.postedWithKey("obx:plain");
        assertEquals(1, posted.size());
        assertEquals("COBX01", posted.get(0).channel());
        assertEquals(posted.get(0).ts(), rows.row("obx:plain").slackTs());
        var call = slack.calls("/api/chat.postMessage").stream()
                .filter(c -> "COBX01".equals(c.form().get("channel"))).findFirst().orElseThrow();
        assertEquals("Bearer " + FakeSlackProfile.BOT_TOKEN, call.headers().get("authorization"));
        assertNotNull(call.form().get("blocks"));
        // The blocks reach Slack as enqueued (compared as JSON: the client may re-serialise them).
        assertEquals(JSON.readTree("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hello\"}}]"),
                JSON.readTree(call.form().get("blocks")));
        assertEquals("hello obx:plain", call.form().get("text"));
        assertEquals(0, sender.sendDue() - sender.sendDue(), "nothing left to send");
        assertEquals(0, sender.sendDue(), "nothing left to send");
    }

    @Test
    void aSecondEnqueueOfTheSameKeyPostsNothing() {
        assertTrue(enqueue("obx:dup", "COBX02"));
        Await.until("posted", () -> "sent".equals(rows.row("obx:dup").status()));
        assertFalse(enqueue("obx:dup", "COBX02"));
        sender.sendDue();
        assertEquals(1, slack.posted("COBX02").size());
    }

    @Test
    void honoursRetryAfterThenPostsOnce() {
        slack.failNext("chat.postMessage", 1, 429, Map.of("Retry-After", "30"));
        enqueue("obx:429", "COBX03");
        awaitSettled("obx:429", 1);
        assertEquals("pending", rows.row("obx:429").status());
        assertEquals("ratelimited", rows.row("obx:429").lastError());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, sender.sendDue(), "still within Retry-After");
        assertEquals(0, slack.posted("COBX03").size());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sender.sendDue());
        assertEquals("sent", rows.row("obx:429").status());
        assertEquals(1, slack.posted("COBX03").size());
        assertEquals(2, slack.calls("/api/chat.postMessage").stream()
                .filter(c -> "COBX03".equals(c.form().get("channel"))).count());
    }

    @Test
    void survivesAnOutageAndPostsOnceWhenSlackIsBack() throws Exception {
        slack.failNext("chat.postMessage", 2, 500, Map.of());
        enqueue("obx:outage", "COBX04");
        awaitSettled("obx:outage", 1);
        // A 500 leaves the outcome unknown: the row stays 'sending' and the next attempt looks first.
        assertEquals("sending", rows.row("obx:outage").status());
        clock.advance(Duration.ofMinutes(1));
        sender.sendDue();
        assertEquals(2, rows.row("obx:outage").attempts());
        assertTrue(slack.calls("/api/conversations.history").size() >= 1, "looked before re-posting");
        assertEquals(1, slack.calls("/api/conversations.history").stream()
                .filter(c -> "COBX04".equals(c.form().get("channel"))).count(), "looked once before re-posting");

        slack.down(); // connection refused
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(11));
            assertEquals(0, sender.sendDue());
        }
        assertEquals(5, rows.row("obx:outage").attempts());
        slack.up();
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, sender.sendDue());
        assertEquals("sent", rows.row("obx:outage").status());
        assertEquals(1, slack.postedWithKey("obx:outage").size());
    }

    @Test
    void aRowLeftSendingByADeadProcessIsNotPostedTwice() {
        // The dead process posted (Slack has it, with our metadata) but never recorded it.
        enqueueWithoutSending("obx:dead-posted", "COBX05");
        FakeSlack.Posted earlier = slack.seedPosted("COBX05", "hello", "obx:dead-posted");
        sender.sendDue();
        assertEquals("sent", rows.row("obx:dead-posted").status());
        assertEquals(earlier.ts(), rows.row("obx:dead-posted").slackTs());
        assertEquals(1, slack.posted("COBX05").size());

        // The dead process never reached Slack: posted exactly once now.
        enqueueWithoutSending("obx:dead-unposted", "COBX06");
        sender.sendDue();
        assertEquals("sent", rows.row("obx:dead-unposted").status());
        assertEquals(1, slack.posted("COBX06").size());
    }

    @Test
    void aClaimStillHeldByALiveReplicaIsLeftAlone() {
        enqueueWithoutSending("obx:held", "COBX07");
        rows.execute("UPDATE outbox_message SET claimed_until = ? WHERE dedup_key = 'obx:held'",
                clock.instant().plus(Duration.ofDays(30)));
        sender.sendDue();
        assertEquals(0, slack.posted("COBX07").size());
        assertEquals("sending", rows.row("obx:held").status());
        assertEquals(1, rows.row("obx:held").attempts());
        rows.execute("DELETE FROM outbox_message WHERE dedup_key = 'obx:held'");
    }

    @Test
    void theAdminApiListsMessagesNewestFirst() {
        enqueue("obx:admin-1", "COBX08");
        clock.advance(Duration.ofSeconds(1));
        enqueue("obx:admin-2", "COBX08");
        Await.until("sent", () -> "sent".equals(rows.row("obx:admin-2").status())
                && "sent".equals(rows.row("obx:admin-1").status()));
        Api.admin().get("/api/admin/outbox?limit=1000").then().statusCode(200)
                .body("dedup_key", hasItem("obx:admin-2"))
                .body("find { it.dedup_key == 'obx:admin-2' }.status", equalTo("sent"))
                .body("find { it.dedup_key == 'obx:admin-2' }.channel", equalTo("COBX08"))
                .body("find { it.dedup_key == 'obx:admin-2' }.team", equalTo("obx-team"))
                .body("find { it.dedup_key == 'obx:admin-2' }.attempts", equalTo(1));
        // Newest first: the later message comes before the earlier one.
        java.util.List<String> keys = Api.admin().get("/api/admin/outbox?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("dedup_key", String.class);
        assertTrue(keys.indexOf("obx:admin-2") >= 0 && keys.indexOf("obx:admin-2") < keys.indexOf("obx:admin-1"),
                keys.toString());
        Api.admin().get("/api/admin/outbox?limit=1").then().statusCode(200).body("size()", equalTo(1));
        Api.admin().get("/api/admin/outbox?limit=0").then().statusCode(400);
        io.restassured.RestAssured.given().get("/api/admin/outbox").then().statusCode(401);
    }

    /** A row as a process leaves it when it dies after claiming (and maybe posting): 'sending', claim expired. */
    private void enqueueWithoutSending(String key, String channel) {
        rows.execute("INSERT INTO outbox_message (dedup_key, team_id, kind, channel, text, status, attempts, "
                + "next_attempt_at, created_at, claimed_by, claimed_until) VALUES (?, 'obx-team', 'note', ?, "
                + "'hello', 'sending', 1, ?, ?, 'dead-replica', ?)", key, channel,
                clock.instant().minus(Duration.ofMinutes(5)), clock.instant().minus(Duration.ofMinutes(5)),
                clock.instant().minus(Duration.ofMinutes(1)));
    }
}
