package dev.tokenwise.usage;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class OtlpMetricsTest {

    static final String NOW = "2026-03-02T12:00:00Z";
    static final long T0 = Instant.parse("2026-03-02T11:00:00Z").getEpochSecond() * 1_000_000_000L;
    static final long SEC = 1_000_000_000L;

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static String attr(String k, String v) {
        return "{\"key\":\"" + k + "\",\"value\":{\"stringValue\":\"" + v + "\"}}";
    }

    /** A sum data point in OTLP JSON: int64 as strings, attributes as AnyValue. */
    private static String point(long start, long time, String value, String... attrs) {
        return "{\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + time + "\"," + value
                + ",\"attributes\":[" + String.join(",", attrs) + "]}";
    }

    private static String sum(String name, int temporality, String... points) {
        return "{\"name\":\"" + name + "\",\"unit\":\"tokens\",\"sum\":{\"aggregationTemporality\":" + temporality
                + ",\"isMonotonic\":true,\"dataPoints\":[" + String.join(",", points) + "]}}";
    }

    /** An export from Claude Code (documented format: meter com.anthropic.claude_code, service.name claude-code). */
    private static String export(String team, String... metrics) {
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + attr("service.name", "claude-code") + ","
                + attr("team", team) + "," + attr("workflow", "coding") + "]},\"scopeMetrics\":[{\"scope\":{\"name\":"
                + "\"com.anthropic.claude_code\"},\"metrics\":[" + String.join(",", metrics) + "]}]}]}";
    }

    @Test
    void deltaExportTakesCostFromCostUsageAndTokensFromTokenUsage() {
        clock.set(NOW);
        String session = attr("session.id", "ot-s1");
        String model = attr("model", "claude-sonnet-4-5");
        String body = export("ot-delta",
                sum("claude_code.token.usage", 1,
                        point(T0, T0 + SEC, "\"asDouble\":1200", attr("type", "input"), model, session,
                                attr("user.id", "anon-1")),
                        point(T0, T0 + SEC, "\"asDouble\":300", attr("type", "output"), model, session),
                        point(T0, T0 + SEC, "\"asDouble\":5000", attr("type", "cacheRead"), model, session),
                        point(T0, T0 + SEC, "\"asDouble\":700", attr("type", "cacheCreation"), model, session)),
                sum("claude_code.cost.usage", 1, point(T0, T0 + SEC, "\"asDouble\":0.42", model, session)));
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/metrics")
                .then().statusCode(200).contentType(ContentType.JSON).body(equalTo("{}"));
        // An exporter retry of the same export changes nothing.
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/metrics").then().statusCode(200);
        assertEquals(5, db.events("ot-delta"));
        assertEquals(0.42, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = 'ot-delta'"), 1e-12);
        assertEquals(1200, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals(300, db.count("SELECT SUM(output_tokens) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals(5000, db.count("SELECT SUM(cached_input_tokens) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals(700, db.count("SELECT SUM(cache_write_tokens) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals("claude-code", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals("coding", db.string("SELECT MIN(workflow) FROM usage_hourly WHERE team_id = 'ot-delta'"));
        assertEquals(5, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE session_id = 'ot-s1'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_contributor WHERE team_id = 'ot-delta'"));
    }

    @Test
    void cumulativeSeriesBecomeDeltasWithFirstPointRepeatAndResets() {
        clock.set(NOW);
        String model = attr("model", "claude-sonnet-4-5");
        String type = attr("type", "input");
        long s2 = T0 + 100 * SEC;
        String[] steps = {
                point(T0, T0, "\"asDouble\":100", type, model), // first point, start == time: +100
                point(T0, T0 + 10 * SEC, "\"asDouble\":150", type, model), // +50
                point(T0, T0 + 20 * SEC, "\"asDouble\":150", type, model), // +0
                point(T0, T0 + 10 * SEC, "\"asDouble\":150", type, model), // repeated old point: +0
                point(s2, s2 + 5 * SEC, "\"asDouble\":30", type, model), // restart (new start): +30
                point(T0, T0 + 30 * SEC, "\"asDouble\":999", type, model), // stale run: +0
                point(s2, s2 + 10 * SEC, "\"asDouble\":10", type, model), // value drop (reset): +10
                point(s2, s2 + 20 * SEC, "\"asDouble\":25", type, model) }; // +15
        for (String p : steps) {
            Api.ingest().contentType(ContentType.JSON).body(export("ot-cumul", sum("claude_code.token.usage", 2, p)))
                    .post("/v1/metrics").then().statusCode(200);
        }
        assertEquals(205, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = 'ot-cumul'"));
        // No cost.usage in these exports: tokens are priced (3 USD per million input tokens).
        assertEquals(205 * 3.0 / 1e6, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = 'ot-cumul'"),
                1e-12);
        // A first point with a new start counts its whole value, also in one export with later points.
        String two = export("ot-cumul2", sum("claude_code.token.usage", 2,
                point(T0, T0 + 10 * SEC, "\"asInt\":\"40\"", type, model),
                point(T0, T0 + 20 * SEC, "\"asInt\":\"45\"", type, model)));
        Api.ingest().contentType(ContentType.JSON).body(two).post("/v1/metrics").then().statusCode(200);
        assertEquals(45, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = 'ot-cumul2'"));
    }

    @Test
    void genAiHistogramAsGzippedProtobufIsPricedAndAnsweredInProtobuf() throws Exception {
        clock.set(NOW);
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setStartTimeUnixNano(T0)
                .setTimeUnixNano(T0 + SEC).setCount(3).setSum(1_000_000)
                .addAttributes(kv("gen_ai.token.type", "input")).addAttributes(kv("gen_ai.request.model",
                        "claude-sonnet-4-5"))
                .addAttributes(kv("repo", "acme/ot-proto"));
        HistogramDataPoint.Builder bad = HistogramDataPoint.newBuilder().setStartTimeUnixNano(T0)
                .setTimeUnixNano(T0 + SEC).setCount(1).setSum(5).addAttributes(kv("gen_ai.token.type", "input"));
        Metric m = Metric.newBuilder().setName("gen_ai.client.token.usage").setUnit("{token}")
                .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(p).addDataPoints(bad))
                .build();
        ExportMetricsServiceRequest req = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "ot-agent"))
                                .addAttributes(kv("team", "ot-proto")))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(m)))
                .build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            req.writeTo(out);
        }
        byte[] answer = Api.ingest().contentType("application/x-protobuf").header("Content-Encoding", "gzip")
                .body(gz.toByteArray()).post("/v1/metrics")
                .then().statusCode(200).contentType("application/x-protobuf").extract().asByteArray();
        ExportMetricsServiceResponse r = ExportMetricsServiceResponse.parseFrom(answer);
        assertEquals(1, r.getPartialSuccess().getRejectedDataPoints());
        assertFalse(r.getPartialSuccess().getErrorMessage().isBlank());
        assertEquals("gen_ai.client.token.usage: data point without a model attribute",
                r.getPartialSuccess().getErrorMessage());
        assertEquals(3.0, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = 'ot-proto'"), 1e-9);
        assertEquals("ot-agent", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = 'ot-proto'"));
        assertEquals("acme/ot-proto", db.string("SELECT MIN(repo) FROM usage_hourly WHERE team_id = 'ot-proto'"));
    }

    @Test
    void rejectedPointsArePartialSuccessInJson() {
        clock.set(NOW);
        String body = export("ot-partial", sum("claude_code.token.usage", 1,
                point(T0, T0 + SEC, "\"asDouble\":10", attr("type", "input"), attr("model", "claude-sonnet-4-5")),
                point(T0, T0 + SEC, "\"asDouble\":10", attr("type", "input")),
                point(T0, T0 + SEC, "\"asDouble\":10", attr("type", "thinking"), attr("model", "claude-sonnet-4-5"))));
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/metrics").then().statusCode(200)
                .body("partialSuccess.rejectedDataPoints", equalTo("2"))
                .body("partialSuccess.errorMessage", containsString("model"));
        assertEquals(1, db.events("ot-partial"));
    }

    @Test
    void acceptsTheUpstreamExampleAndIgnoresItsMetrics() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/payloads/otlp/metrics.json")) {
            Api.ingest().contentType(ContentType.JSON).body(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .post("/v1/metrics").then().statusCode(200).body(equalTo("{}"));
        }
    }

    @Test
    void refusesUnparseableBodiesWrongTypesAndMissingToken() {
        Api.ingest().contentType(ContentType.JSON).body("{\"resourceMetrics\":").post("/v1/metrics")
                .then().statusCode(400).body("code", equalTo(3));
        Api.ingest().contentType("application/x-protobuf").body(new byte[] { (byte) 0xff, 0x01, 0x02 })
                .post("/v1/metrics").then().statusCode(400).contentType("application/x-protobuf");
        Api.ingest().contentType(ContentType.TEXT).body("x").post("/v1/metrics").then().statusCode(415)
                .contentType("application/problem+json");
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/v1/metrics").then().statusCode(401);
    }

    private static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }
}
