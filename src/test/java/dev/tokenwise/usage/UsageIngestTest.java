package dev.tokenwise.usage;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class UsageIngestTest {

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static String event(String id, String team, String extra) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"timestamp\":\"2026-03-02T10:15:00Z\","
                + "\"team\":\"" + team + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":1000,"
                + "\"output_tokens\":100" + extra + "}";
    }

    @Test
    void storesOneObjectWithPricedCostAndMappedTeam() {
        clock.set("2026-03-02T12:00:00Z");
        Api.team("ui-payments", "{}");
        Api.repo("UiAcme/Pay", "ui-payments");
        Api.ingest().contentType(ContentType.JSON)
                .body("{\"id\":\"ui-one\",\"timestamp\":\"2026-03-02T10:15:00+01:00\",\"repo\":\"UiAcme/Pay\","
                        + "\"model\":\"anthropic/claude-sonnet-4-5-20250929\",\"input_tokens\":1000000,"
                        + "\"cached_input_tokens\":1000000,\"output_tokens\":100000,\"actor\":\"alice@example.com\","
                        + "\"workflow\":\"coding\",\"tool\":\"Claude-Code\",\"session_id\":\"s1\",\"pull_request\":7}")
                .post("/ingest/usage")
                .then().statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        // 1M × 3 + 1M × 0.3 + 0.1M × 15 = 4.8 USD
        assertEquals(4.8, db.sum("SELECT cost_usd FROM usage_event WHERE event_key = 'usage:ui-one'"), 1e-9);
        assertEquals("ui-payments", db.string("SELECT team_id FROM usage_event WHERE event_key = 'usage:ui-one'"));
        assertEquals("claude-sonnet-4-5", db.string("SELECT model FROM usage_event WHERE event_key = 'usage:ui-one'"));
        assertEquals("uiacme/pay", db.string("SELECT repo FROM usage_event WHERE event_key = 'usage:ui-one'"));
        String actor = db.string("SELECT actor FROM usage_event WHERE event_key = 'usage:ui-one'");
        assertEquals(32, actor.length());
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE actor LIKE '%alice%'"));
        assertEquals(4.8, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = 'ui-payments' "
                + "AND attributed = TRUE AND tool = 'claude-code'"), 1e-9);
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_session_hourly WHERE session_id = 's1'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_contributor WHERE team_id = 'ui-payments'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_pr_ref WHERE repo = 'uiacme/pay' AND pull_request = 7"));
    }

    @Test
    void unmappedRepoAndNoTeamLandInUnassignedAndUnknownModelIsFlagged() {
        clock.set("2026-03-02T12:00:00Z");
        Api.ingest().contentType(ContentType.JSON)
                .body("[{\"id\":\"ui-unassigned\",\"timestamp\":\"2026-03-02T10:15:00Z\",\"repo\":\"nobody/ui-x\","
                        + "\"model\":\"ui-mystery-model\",\"input_tokens\":5}]")
                .post("/ingest/usage").then().statusCode(202).body("accepted", equalTo(1));
        assertEquals("unassigned", db.string("SELECT team_id FROM usage_event WHERE event_key = 'usage:ui-unassigned'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE event_key = 'usage:ui-unassigned' AND priced"));
    }

    @Test
    void duplicateIdsAreCountedOnceWithinABatchAndAcrossRequests() {
        clock.set("2026-03-02T12:00:00Z");
        String batch = "[" + event("ui-dup-1", "ui-dups", "") + "," + event("ui-dup-1", "ui-dups", "") + ","
                + event("ui-dup-2", "ui-dups", "") + "]";
        Api.ingest().contentType(ContentType.JSON).body(batch).post("/ingest/usage")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        Api.ingest().contentType(ContentType.JSON).body(batch).post("/ingest/usage")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(2, db.events("ui-dups"));
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_hourly WHERE team_id = 'ui-dups'"));
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_team_hourly WHERE team_id = 'ui-dups'"));
    }

    @Test
    void aBatchOfNewAndStoredEventsAddsOnlyTheNewOnesToTheRollups() {
        clock.set("2026-03-02T12:00:00Z");
        String session = ",\"session_id\":\"ui-mix-s\",\"actor\":\"dev-1\",\"repo\":\"uiacme/mix\",\"pull_request\":3";
        Api.ingest().contentType(ContentType.JSON).body("[" + event("ui-mix-1", "ui-mix", session) + "]")
                .post("/ingest/usage").then().statusCode(202).body("accepted", equalTo(1));
        String batch = "[" + event("ui-mix-1", "ui-mix", session) + "," + event("ui-mix-2", "ui-mix", session) + ","
                + event(null, "ui-mix", session) + "]";
        Api.ingest().contentType(ContentType.JSON).body(batch).post("/ingest/usage")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        assertEquals(3, db.events("ui-mix"));
        assertEquals(3, db.count("SELECT SUM(events) FROM usage_hourly WHERE team_id = 'ui-mix'"));
        assertEquals(3000, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = 'ui-mix'"));
        assertEquals(3, db.count("SELECT SUM(events) FROM usage_team_hourly WHERE team_id = 'ui-mix'"));
        assertEquals(3, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE team_id = 'ui-mix'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_contributor WHERE team_id = 'ui-mix'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_pr_ref WHERE repo = 'uiacme/mix' AND pull_request = 3"));
    }

    @Test
    void concurrentDeliveriesOfTheSameIdsStoreEachOnce() throws Exception {
        clock.set("2026-03-02T12:00:00Z");
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            sb.append(i == 0 ? "" : ",").append(event("ui-conc-" + i, "ui-conc", ""));
        }
        String body = sb.append("]").toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Integer> call = () -> Api.ingest().contentType(ContentType.JSON).body(body).post("/ingest/usage")
                    .then().statusCode(202).extract().path("accepted");
            results.add(pool.submit(call));
        }
        int accepted = 0;
        for (Future<Integer> f : results) {
            accepted += f.get();
        }
        pool.shutdown();
        assertEquals(50, accepted);
        assertEquals(50, db.events("ui-conc"));
        assertEquals(50, db.count("SELECT SUM(events) FROM usage_hourly WHERE team_id = 'ui-conc'"));
        assertEquals(50, db.count("SELECT SUM(events) FROM usage_team_hourly WHERE team_id = 'ui-conc'"));
    }

    @Test
    void concurrentSingleEventsNeverLoseRollupIncrements() throws Exception {
        clock.set("2026-03-02T12:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body = event(null, "ui-hot", "");
            results.add(pool.submit(() -> Api.ingest().contentType(ContentType.JSON).body(body).post("/ingest/usage")
                    .then().statusCode(202)));
        }
        for (Future<?> f : results) {
            f.get();
        }
        pool.shutdown();
        assertEquals(200, db.count("SELECT SUM(events) FROM usage_hourly WHERE team_id = 'ui-hot'"));
        assertEquals(200_000, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = 'ui-hot'"));
        assertEquals(200, db.count("SELECT SUM(events) FROM usage_team_hourly WHERE team_id = 'ui-hot'"));
        assertEquals(db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = 'ui-hot'"),
                db.sum("SELECT SUM(cost_usd) FROM usage_team_hourly WHERE team_id = 'ui-hot'"), 1e-9);
    }

    @Test
    void acceptsNdjsonAndGzip() throws Exception {
        clock.set("2026-03-02T12:00:00Z");
        String nd = event("ui-nd-1", "ui-nd", "") + "\n\n" + event("ui-nd-2", "ui-nd", "") + "\n";
        Api.ingest().contentType("application/x-ndjson").body(nd.getBytes(StandardCharsets.UTF_8)).post("/ingest/usage")
                .then().statusCode(202).body("accepted", equalTo(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(("[" + event("ui-nd-3", "ui-nd", "") + "]").getBytes(StandardCharsets.UTF_8));
        }
        Api.ingest().contentType(ContentType.JSON).header("Content-Encoding", "gzip").body(bytes.toByteArray())
                .post("/ingest/usage").then().statusCode(202).body("accepted", equalTo(1));
        assertEquals(3, db.events("ui-nd"));
    }

    @Test
    void rejectsTheWholeBatchNamingEachBadItem() {
        clock.set("2026-03-02T12:00:00Z");
        String batch = "[" + event("ui-bad-ok", "ui-bad", "") + ","
                + "{\"id\":\"ui-bad-1\",\"team\":\"ui-bad\",\"model\":\"m\"}," // no timestamp
                + "{\"timestamp\":\"2026-03-02T12:06:00Z\",\"team\":\"ui-bad\",\"model\":\"m\"}," // > 5 min ahead
                + "{\"timestamp\":\"yesterday\",\"team\":\"ui-bad\"}," // bad time, no model
                + "{\"timestamp\":\"2026-03-02T10:00:00Z\",\"team\":\"UI Bad\",\"model\":\"m\",\"input_tokens\":-1,"
                + "\"output_tokens\":1.5,\"cost_usd\":-2,\"workflow\":\"dancing\",\"repo\":\"norepo\","
                + "\"pull_request\":0},"
                + "42]";
        Api.ingest().contentType(ContentType.JSON).body(batch).post("/ingest/usage")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.findAll { it.index == 1 }.field", hasItems("timestamp"))
                .body("errors.find { it.index == 2 }.message", containsString("future"))
                .body("errors.findAll { it.index == 3 }.field", hasItems("timestamp", "model"))
                .body("errors.findAll { it.index == 4 }.field", hasItems("team", "input_tokens", "output_tokens",
                        "cost_usd", "workflow", "repo", "pull_request"))
                .body("errors.find { it.index == 5 }.message", equalTo("must be a JSON object"))
                .body("errors.findAll { it.index == 0 }", hasSize(0));
        assertEquals(0, db.events("ui-bad"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE event_key = 'usage:ui-bad-ok'"));
    }

    @Test
    void rejectsMalformedJsonAndOversizedBatches() {
        Api.ingest().contentType(ContentType.JSON).body("[{\"timestamp\":").post("/ingest/usage")
                .then().statusCode(400).contentType("application/problem+json");
        Api.ingest().contentType("application/x-ndjson").body("{\"a\":1}\nnot json\n".getBytes(StandardCharsets.UTF_8))
                .post("/ingest/usage")
                .then().statusCode(400).body("errors[0].index", equalTo(1));
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i <= UsageParser.MAX_ITEMS; i++) {
            sb.append(i == 0 ? "" : ",").append("{}");
        }
        Api.ingest().contentType(ContentType.JSON).body(sb.append("]").toString()).post("/ingest/usage")
                .then().statusCode(400).body("detail", containsString("10000"));
    }

    @Test
    void refusesWithoutTokenWrongTypeAndTooLargeBodies() {
        RestAssured.given().contentType(ContentType.JSON).body(event("ui-auth", "ui-auth", ""))
                .post("/ingest/usage").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(event("ui-auth", "ui-auth", "")).post("/ingest/usage").then().statusCode(401);
        Api.ingest().contentType(ContentType.TEXT).body(event("ui-auth", "ui-auth", "")).post("/ingest/usage")
                .then().statusCode(415).contentType("application/problem+json");
        byte[] big = new byte[10 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        Api.ingest().contentType(ContentType.JSON).body(big).post("/ingest/usage")
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(0, db.events("ui-auth"));
    }
}
