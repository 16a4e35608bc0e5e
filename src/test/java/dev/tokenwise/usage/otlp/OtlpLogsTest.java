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
 * {@code POST /v1/logs} (docs/contract.md §5.4) with the real Claude Code logs export
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
