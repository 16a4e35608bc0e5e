package dev.tokenwise.usage.otlp;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.usage.UsageDb;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /v1/logs} (docs/contract.md §5.6) with the real Claude Code logs export
 * (payloads/otlp/claude-code/claude_logs.json) and, where no capture exists, records built exactly as the agents'
 * sources document them (Codex, Gemini CLI). Every figure is asserted by value: the rollups, the scorecard and the
 * rows of the agent tables.
 */
@QuarkusTest
class OtlpLogsTest {

    static final String FIXTURE = "/payloads/otlp/claude-code/claude_logs.json";
    /** The real export's session and its two api_requests' sums. */
    static final String CC_SESSION = "11111111-2222-3333-4444-555555555555";
    static final String NOW = "2026-08-11T01:00:00Z";
    static final String PERIOD = "from=2026-08-11&to=2026-08-12";
    static final long T0 = Instant.parse("2026-08-11T00:20:00Z").getEpochSecond() * 1_000_000_000L;
    static final long SEC = 1_000_000_000L;

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @AfterEach
    void reset() {
        clock.reset();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The real Claude Code export

    @Test
    void realClaudeCodeExportBecomesTwoUsageEventsWithItsExactCostAndARetryCountsOnce() throws Exception {
        clock.set(NOW);
        String team = "cc-real";
        Api.team(team, "{\"min_contributors\":1}");
        String body = withResource(fixture(), Map.of("team", team, "repo", "acme/real", "workflow", "coding"));
        post(body);
        post(body); // the exporter's retry of the same export
        assertEquals(2, db.events(team));
        assertFigures(team, 8, 117_147, 41_141, 401);
        assertEquals(0.288, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        JsonPath card = scorecard(team);
        assertEquals(0.288, card.getDouble("cost.total_usd"), 1e-12);
        assertEquals(8, card.getLong("cost.input_tokens"));
        assertEquals(117_147, card.getLong("cost.cached_input_tokens"));
        assertEquals(41_141, card.getLong("cost.cache_write_tokens"));
        assertEquals(401, card.getLong("cost.output_tokens"));
        assertEquals(0.288, card.getDouble("cost.by_model.claude-sonnet-5"), 1e-12);
        assertEquals("claude-code", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals("otlp-log", db.string("SELECT MIN(source) FROM usage_event WHERE team_id = ?", team));
        // The session counts in the runaway/spike rollup; the person only as a pseudonym.
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE session_id = ?", CC_SESSION));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE actor LIKE '%@%' OR actor LIKE 'user_%'"));
        assertEquals(1, db.count("SELECT COUNT(DISTINCT actor) FROM usage_event WHERE team_id = ?", team));
        // Reliability: one session sent events, none with an error.
        assertEquals(0, card.getInt("agent_errors.errors"));
        assertEquals(1, card.getInt("agent_errors.sessions"));
        assertEquals(0, card.getInt("agent_errors.sessions_with_errors"));
        assertEquals(0.0, card.getDouble("agent_errors.sessions_with_errors_share"));
        assertEquals(Map.of("rate_limit", 0, "overloaded", 0, "auth", 0, "server", 0, "client", 0, "other", 0),
                card.getMap("agent_errors.by_class"));
        assertEquals(1, card.getInt("agent_errors.by_tool.claude-code.sessions"));
    }

    @Test
    void realExportAsProtobufAndGzipIsTheSameExportCountedOnce() throws Exception {
        clock.set(NOW);
        String team = "cc-proto";
        Api.team(team, "{\"min_contributors\":1}");
        String body = withResource(fixture("proto"), Map.of("team", team));
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        JsonFormat.parser().merge(body, b);
        ExportLogsServiceResponse answer = postProto(b.build().toByteArray(), null);
        assertEquals(ExportLogsServiceResponse.getDefaultInstance(), answer);
        assertEquals(2, db.events(team));
        // The same export again, as gzip JSON: the request ids make it the same two events.
        Api.ingest().contentType(ContentType.JSON).header("Content-Encoding", "gzip").body(gzip(body))
                .post("/v1/logs").then().statusCode(200).body(equalTo("{}"));
        assertEquals(2, db.events(team));
        assertFigures(team, 8, 117_147, 41_141, 401);
    }

    @Test
    void exportWithoutTeamLandsInUnassignedAndIsStillCounted() throws Exception {
        clock.set(NOW);
        long before = db.events("unassigned");
        post(fixture("unassigned"));
        assertEquals(before + 2, db.events("unassigned"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = 'unassigned-session' "
                + "AND team_id = 'unassigned'"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // One source of truth per session

    @Test
    void metricPointsCountedBeforeTheSessionsFirstEventAreTakenBack() throws Exception {
        clock.set(NOW);
        String team = "sot-metrics-first";
        Api.team(team, "{\"min_contributors\":1}");
        // Claude Code's metrics of the session: 1000 input, 200 output, 0.5 USD; and of another session that sends
        // no events: 300 input, 0.1 USD.
        postMetrics(team, "sot-a", 1_000, 200, 0.5);
        postMetrics(team, "sot-other", 300, 0, 0.1);
        assertFigures(team, 1_300, 0, 0, 200);
        assertEquals(0.6, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        // Now its events: two requests, 40 + 60 input, 10 + 30 output, 0.25 USD in all.
        postProto(export("com.anthropic.claude_code.events", resource(team),
                apiRequest("sot-a", "sot-a-r1", T0 + SEC, 40, 10, 0, 0, 0.1),
                apiRequest("sot-a", "sot-a-r2", T0 + 2 * SEC, 60, 30, 0, 0, 0.15)).toByteArray(), null);
        // The session counts its events only; the other session keeps its metric points.
        assertFigures(team, 400, 0, 0, 40);
        assertEquals(0.35, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = 'sot-a' AND source = 'otlp'"));
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE session_id = 'sot-a'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_hourly WHERE team_id = ? AND events <= 0", team));
        // Later metric points of the session (and a retry of the first export) add nothing.
        postMetrics(team, "sot-a", 1_000, 200, 0.5);
        postMetricsAt(team, "sot-a", T0 + 5 * SEC, 500, 100, 0.2);
        assertFigures(team, 400, 0, 0, 40);
        JsonPath card = scorecard(team);
        assertEquals(0.35, card.getDouble("cost.total_usd"), 1e-12);
        assertEquals(400, card.getLong("cost.input_tokens"));
        assertEquals(40, card.getLong("cost.output_tokens"));
    }

    @Test
    void eventsFirstThenMetricsOfTheSameSessionAddNothing() throws Exception {
        clock.set(NOW);
        String team = "sot-events-first";
        Api.team(team, "{\"min_contributors\":1}");
        postProto(export("com.anthropic.claude_code.events", resource(team),
                apiRequest("sot-b", "sot-b-r1", T0, 70, 7, 5, 3, 0.07)).toByteArray(), null);
        postMetrics(team, "sot-b", 9_000, 900, 9.0);
        assertFigures(team, 70, 5, 3, 7);
        assertEquals(0.07, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        assertEquals(1, db.events(team));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Quirks of real exports, and refusals

    @Test
    void numbersAsStringsOrDoublesIdentityOnTheResourceAndRecordsOutOfOrderAreRead() throws Exception {
        clock.set(NOW);
        String team = "quirks";
        Api.team(team, "{\"min_contributors\":1}");
        // Session and person on the resource instead of the record; counts as a string, a double and an int; the
        // later record first; the event name only in the body.
        java.util.List<KeyValue> resource = new java.util.ArrayList<>(resource(team));
        resource.add(kv("session.id", "q-1"));
        resource.add(kv("user.account_uuid", "acc-uuid-1"));
        LogRecord later = record("claude_code.api_request", T0 + 10 * SEC, kv("request_id", "q-r2"),
                kv("model", "claude-sonnet-4-5"), kv("input_tokens", "12"), kv("output_tokens", 30.0),
                kv("cache_read_tokens", "0"), kv("cache_creation_tokens", 4L), kv("cost_usd", "0.02"));
        LogRecord earlier = record("claude_code.api_request", T0, kv("request_id", "q-r1"),
                kv("model", "claude-sonnet-4-5"), kv("input_tokens", 8L), kv("output_tokens", "20"),
                kv("cost_usd_micros", 2_500_000L)); // $2.50: micros above one dollar
        postProto(export("com.anthropic.claude_code.events", resource, later, earlier).toByteArray(), null);
        assertFigures(team, 20, 0, 4, 50);
        assertEquals(2.52, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = 'q-1'"));
        assertEquals(1, db.count("SELECT COUNT(DISTINCT actor) FROM usage_event WHERE team_id = ? "
                + "AND actor IS NOT NULL", team));
        assertEquals(Instant.parse("2026-08-11T00:20:00Z"), Instant.parse(db.string(
                "SELECT MIN(occurred_at) FROM usage_event WHERE team_id = ?", team).replace(' ', 'T')
                .replaceAll("\\+00(:00)?$", "Z")));
    }

    @Test
    void badRecordsAreRejectedInPartialSuccessWithTheirReasonsAndTheOthersKept() throws Exception {
        clock.set(NOW);
        String team = "refusals";
        Api.team(team, "{\"min_contributors\":1}");
        LogRecord good = apiRequest("rf-1", "rf-good", T0, 5, 5, 0, 0, 0.01);
        LogRecord[] bad = {
                apiRequest("rf-1", "rf-neg", T0, -1, 5, 0, 0, 0.01),
                apiRequest("rf-1", "rf-huge", T0, 1_000_000_000_001L, 5, 0, 0, 0.01),
                apiRequest("rf-1", "rf-cost", T0, 5, 5, 0, 0, 2_000_000),
                record("claude_code.api_request", T0, kv("session.id", "rf-1"), kv("request_id", "rf-nomodel"),
                        kv("input_tokens", 5L)),
                record("claude_code.api_request", T0, kv("session.id", "rf-1"), kv("request_id", "rf-frac"),
                        kv("model", "claude-sonnet-4-5"), kv("input_tokens", 1.5)),
                record("claude_code.api_request", T0, kv("team", "Not A Team!"), kv("request_id", "rf-team"),
                        kv("model", "claude-sonnet-4-5")),
                record("claude_code.api_request", T0, kv("repo", "no-slash"), kv("request_id", "rf-repo"),
                        kv("model", "claude-sonnet-4-5")),
                record("claude_code.api_request", T0, kv("workflow", "dancing"), kv("request_id", "rf-wf"),
                        kv("model", "claude-sonnet-4-5")),
                record("claude_code.api_request", Instant.parse("2026-08-11T01:06:00Z").getEpochSecond() * SEC,
                        kv("request_id", "rf-future"), kv("model", "claude-sonnet-4-5")),
                record("claude_code.api_request", Instant.parse("1999-12-31T00:00:00Z").getEpochSecond() * SEC,
                        kv("request_id", "rf-old"), kv("model", "claude-sonnet-4-5")) };
        LogRecord[] all = new LogRecord[bad.length + 2];
        all[0] = good;
        System.arraycopy(bad, 0, all, 1, bad.length);
        // Ignored events are accepted, not rejected.
        all[all.length - 1] = record("claude_code.user_prompt", T0, kv("prompt", "<REDACTED>"));
        ExportLogsServiceResponse answer = postProto(export("com.anthropic.claude_code.events", resource(team), all)
                .toByteArray(), null);
        assertEquals(10, answer.getPartialSuccess().getRejectedLogRecords());
        assertEquals("claude_code.api_request: attribute input_tokens must be a whole number ≥ 0; "
                + "claude_code.api_request: attribute input_tokens must be at most 1000000000000 (10^12 tokens); "
                + "claude_code.api_request: attribute cost_usd must be at most 1000000 (10^6 USD); "
                + "claude_code.api_request: attribute model is required; "
                + "claude_code.api_request: attribute team must be a team slug",
                answer.getPartialSuccess().getErrorMessage());
        assertEquals(1, db.events(team));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = 'rf-1'"));
        // The JSON answer names the same, in OTLP JSON's field names.
        String json = JsonFormat.printer().print(export("com.anthropic.claude_code.events", resource(team),
                record("claude_code.api_request", T0, kv("workflow", "dancing"), kv("request_id", "rf-wf2"),
                        kv("model", "claude-sonnet-4-5"))));
        Api.ingest().contentType(ContentType.JSON).body(json).post("/v1/logs").then().statusCode(200)
                .body("partialSuccess.rejectedLogRecords", equalTo("1"))
                .body("partialSuccess.errorMessage", equalTo("claude_code.api_request: attribute workflow must be "
                        + "one of [coding, testing, migration, review, docs, triage, other]"));
    }

    @Test
    void aBodyThatIsNotAnOtlpLogsExportIs400AndStoresNothing() {
        long before = db.count("SELECT COUNT(*) FROM usage_event");
        Api.ingest().contentType(ContentType.JSON).body("[1,2]").post("/v1/logs").then().statusCode(400)
                .body("code", equalTo(3))
                .body("message", equalTo("The body is not a valid OTLP ExportLogsServiceRequest (JSON)."));
        Api.ingest().contentType(ContentType.JSON).body("{\"resourceLogs\":5}").post("/v1/logs").then()
                .statusCode(400).body("code", equalTo(3));
        Api.ingest().contentType(ContentType.JSON).body("{} {}").post("/v1/logs").then().statusCode(400)
                .body("message", equalTo("The body has content after its JSON value; send one OTLP "
                        + "ExportLogsServiceRequest per request."));
        Api.ingest().contentType("application/x-protobuf").body(new byte[] { (byte) 0xff, 0x01, 0x02 })
                .post("/v1/logs").then().statusCode(400).contentType("application/x-protobuf");
        Api.ingest().contentType("text/plain").body("hello").post("/v1/logs").then().statusCode(415)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body("{}").post("/v1/logs").then()
                .statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body("{}").post("/v1/logs").then().statusCode(401);
        assertEquals(before, db.count("SELECT COUNT(*) FROM usage_event"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private void assertFigures(String team, long input, long cached, long write, long output) {
        String sql = "SELECT SUM(%s) FROM usage_hourly WHERE team_id = ?";
        assertEquals(input, db.count(sql.formatted("input_tokens"), team), "input");
        assertEquals(cached, db.count(sql.formatted("cached_input_tokens"), team), "cached input");
        assertEquals(write, db.count(sql.formatted("cache_write_tokens"), team), "cache write");
        assertEquals(output, db.count(sql.formatted("output_tokens"), team), "output");
    }

    static JsonPath scorecard(String team) {
        return Api.admin().get("/api/teams/" + team + "/scorecard?" + PERIOD).then().statusCode(200)
                .body("withheld", equalTo(false)).extract().jsonPath();
    }

    static void post(String body) {
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/logs").then().statusCode(200)
                .body(equalTo("{}"));
    }

    static ExportLogsServiceResponse postProto(byte[] body, String encoding) throws Exception {
        var spec = Api.ingest().contentType("application/x-protobuf");
        if (encoding != null) {
            spec = spec.header("Content-Encoding", encoding);
        }
        byte[] answer = spec.body(body).post("/v1/logs").then().statusCode(200)
                .contentType("application/x-protobuf").extract().asByteArray();
        return ExportLogsServiceResponse.parseFrom(answer);
    }

    /** Claude Code's delta metrics of one session at T0: token usage by type and cost. */
    static void postMetrics(String team, String session, long input, long output, double cost) {
        postMetricsAt(team, session, T0, input, output, cost);
    }

    static void postMetricsAt(String team, String session, long time, long input, long output, double cost) {
        String attrs = "{\"key\":\"session.id\",\"value\":{\"stringValue\":\"" + session + "\"}},"
                + "{\"key\":\"model\",\"value\":{\"stringValue\":\"claude-sonnet-4-5\"}}";
        String tokens = "{\"name\":\"claude_code.token.usage\",\"sum\":{\"aggregationTemporality\":1,"
                + "\"isMonotonic\":true,\"dataPoints\":[" + tokenPoint(time, input, "input", attrs) + ","
                + tokenPoint(time, output, "output", attrs) + "]}}";
        String costs = "{\"name\":\"claude_code.cost.usage\",\"unit\":\"USD\",\"sum\":{\"aggregationTemporality\":1,"
                + "\"isMonotonic\":true,\"dataPoints\":[{\"startTimeUnixNano\":\"" + (time - SEC)
                + "\",\"timeUnixNano\":\"" + time + "\",\"asDouble\":" + cost + ",\"attributes\":[" + attrs + "]}]}}";
        String body = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"claude-code\"}},"
                + "{\"key\":\"team\",\"value\":{\"stringValue\":\"" + team + "\"}}]},"
                + "\"scopeMetrics\":[{\"scope\":{\"name\":\"com.anthropic.claude_code\"},\"metrics\":[" + tokens
                + "," + costs + "]}]}]}";
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/metrics").then().statusCode(200)
                .body(equalTo("{}"));
    }

    private static String tokenPoint(long time, long value, String type, String attrs) {
        return "{\"startTimeUnixNano\":\"" + (time - SEC) + "\",\"timeUnixNano\":\"" + time + "\",\"asInt\":\""
                + value + "\",\"attributes\":[{\"key\":\"type\",\"value\":{\"stringValue\":\"" + type + "\"}},"
                + attrs + "]}";
    }

    static java.util.List<KeyValue> resource(String team) {
        return java.util.List.of(kv("service.name", "claude-code"), kv("service.version", "2.1.226"),
                kv("team", team), kv("workflow", "coding"));
    }

    /** A claude_code.api_request record as the real export has it: ints, a double cost, identity on the record. */
    static LogRecord apiRequest(String session, String requestId, long time, long input, long output, long cacheRead,
            long cacheCreation, double cost) {
        return record("claude_code.api_request", time, kv("event.name", "api_request"), kv("session.id", session),
                kv("user.email", "dev@example.com"), kv("request_id", requestId), kv("model", "claude-sonnet-4-5"),
                kv("input_tokens", input), kv("output_tokens", output), kv("cache_read_tokens", cacheRead),
                kv("cache_creation_tokens", cacheCreation), kv("cost_usd", cost), kv("duration_ms", 1200L));
    }

    static String fixture() throws IOException {
        try (InputStream in = OtlpLogsTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The real export as another session would send it: its session and request ids made unique (request ids are
     * global idempotency keys, so every test needs its own), nothing else changed.
     */
    static String fixture(String tag) throws IOException {
        return fixture().replace(CC_SESSION, tag + "-session").replace("req_0", "req_" + tag + "_0")
                .replace("req_1", "req_" + tag + "_1");
    }

    /** The export with resource attributes added, as a user sets them with OTEL_RESOURCE_ATTRIBUTES. */
    String withResource(String export, Map<String, String> attributes) throws IOException {
        ObjectNode root = (ObjectNode) json.readTree(export);
        for (var rl : root.withArray("resourceLogs")) {
            ArrayNode attrs = ((ObjectNode) rl).withObject("resource").withArray("attributes");
            attributes.forEach((k, v) -> attrs.addObject().put("key", k).putObject("value").put("stringValue", v));
        }
        return json.writeValueAsString(root);
    }

    static byte[] gzip(String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue kv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static KeyValue kv(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    static KeyValue kvList(String key, KeyValue... values) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder().addAllValues(java.util.List.of(values)))).build();
    }

    /** One export of records under a resource carrying {@code resource} attributes. */
    static ExportLogsServiceRequest export(String scope, java.util.List<KeyValue> resource, LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeLogs(ScopeLogs.newBuilder().setScope(
                        io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName(scope))
                        .addAllLogRecords(java.util.List.of(records))))
                .build();
    }

    static LogRecord record(String body, long time, KeyValue... attributes) {
        LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time)
                .addAllAttributes(java.util.List.of(attributes));
        if (body != null) {
            r.setBody(AnyValue.newBuilder().setStringValue(body));
        }
        return r.build();
    }
}
