package dev.tokenwise.usage.otlp;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.usage.UsageDb;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Codex's {@code codex.turn.token_usage} and Gemini CLI's {@code gemini_cli.token.usage} on {@code POST /v1/metrics}
 * (docs/contract.md §5.3). No captured export of either exists; the payloads follow the names and attributes the
 * projects' sources document (payloads/otlp/agents/SOURCES.md). Both agents count input including its cached part, so
 * every test checks the stored input = their input − their cached input, by exact figures.
 */
@QuarkusTest
class OtlpAgentMetricsTest {

    static final String NOW = "2026-03-02T12:00:00Z";
    static final String PERIOD = "from=2026-03-02&to=2026-03-03";
    static final long T0 = Instant.parse("2026-03-02T11:00:00Z").getEpochSecond() * 1_000_000_000L;
    static final long SEC = 1_000_000_000L;
    /** Seeded list prices, USD per token: gpt-5 and gemini-2.5-pro (input, cached input, output). */
    static final double GPT5_IN = 1.25 / 1e6;
    static final double GPT5_CACHED = 0.125 / 1e6;
    static final double GPT5_OUT = 10.0 / 1e6;
    static final double GEMINI_IN = 1.25 / 1e6;
    static final double GEMINI_CACHED = 0.31 / 1e6;
    static final double GEMINI_OUT = 10.0 / 1e6;

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @TestHTTPResource("/v1/metrics")
    URI endpoint;

    @AfterEach
    void reset() {
        clock.reset();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Codex

    @Test
    void codexDeltaHistogramJsonSubtractsCachedInputIgnoresTotalAndCountsARetryOnce() {
        clock.set(NOW);
        String team = "cx-delta";
        Api.team(team, "{\"min_contributors\":1}");
        String body = codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0, T0 + SEC, 10_000, codexPoint("input")),
                hist(T0, T0 + SEC, 6_000, codexPoint("cached_input")),
                hist(T0, T0 + SEC, 2_000, codexPoint("output")),
                hist(T0, T0 + SEC, 800, codexPoint("reasoning_output")),
                hist(T0, T0 + SEC, 100, codexPoint("cache_write_input")),
                hist(T0, T0 + SEC, 12_100, codexPoint("total"))));
        post(body);
        post(body); // an exporter retry: the same points, stored once
        assertFigures(team, 4_000, 6_000, 100, 2_000, 800);
        assertEquals(1, db.events(team));
        assertEquals("codex", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals("acme/cx", db.string("SELECT MIN(repo) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals("coding", db.string("SELECT MIN(workflow) FROM usage_hourly WHERE team_id = ?", team));
        // Session = conversation.id (Codex has no session.id).
        assertEquals(1, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE session_id = 'cx-conv-1' "
                + "AND team_id = ?", team));

        // The next interval: as much cached as input, so no new uncached input.
        post(codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0 + SEC, T0 + 2 * SEC, 500, codexPoint("input")),
                hist(T0 + SEC, T0 + 2 * SEC, 500, codexPoint("cached_input")),
                hist(T0 + SEC, T0 + 2 * SEC, 50, codexPoint("output")))));
        assertFigures(team, 4_000, 6_500, 100, 2_050, 800);
        // Priced by the table; reasoning is part of output and not priced again.
        JsonPath card = scorecard(team);
        assertEquals(4_000, card.getLong("cost.input_tokens"));
        assertEquals(6_500, card.getLong("cost.cached_input_tokens"));
        assertEquals(2_050, card.getLong("cost.output_tokens"));
        assertEquals(800, card.getLong("cost.reasoning_tokens"));
        assertCost(team, card, 4_000 * GPT5_IN + 6_500 * GPT5_CACHED + 2_050 * GPT5_OUT);
    }

    @Test
    void codexCumulativeSumProtobufTakesDifferencesRetriesOnceAndRestartsWhole() throws Exception {
        clock.set(NOW);
        String team = "cx-cumul";
        long t1 = T0 + 10 * SEC;
        long t2 = T0 + 20 * SEC;
        postProto(codexProto(team, sums(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, T0, t1,
                1_000, 400, 300, 100)));
        assertFigures(team, 600, 400, 0, 300, 100);
        ExportMetricsServiceRequest second = codexProto(team,
                sums(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, T0, t2, 1_600, 1_000, 500, 150));
        postProto(second);
        // +600 input of which +600 cached: no uncached input this time, never a negative one.
        assertFigures(team, 600, 1_000, 0, 500, 150);
        postProto(second); // the retry
        assertFigures(team, 600, 1_000, 0, 500, 150);
        // Codex restarted: a new start, values below the held ones, each counted whole.
        long s2 = T0 + 30 * SEC;
        postProto(codexProto(team, sums(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, s2, s2 + 10 * SEC,
                200, 50, 20, 0)));
        assertFigures(team, 750, 1_050, 0, 520, 150);
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE team_id = ? AND (input_tokens < 0 "
                + "OR cached_input_tokens < 0 OR output_tokens < 0)", team));
    }

    /**
     * docs/contract.md §5.3: cached input that arrives ahead of the input it is part of is stored at once, input as
     * 0, and the excess is carried to the group's next input, so the totals end exact and nothing is ever negative.
     */
    @Test
    void cachedInputAheadOfItsInputIsCarriedNeitherNegativeNorClamped() {
        clock.set(NOW);
        String team = "cx-carry";
        String cachedOnly = codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0, T0 + SEC, 600, codexPoint("cached_input"))));
        post(cachedOnly);
        assertFigures(team, 0, 600, 0, 0, 0);
        post(codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0 + SEC, T0 + 2 * SEC, 1_000, codexPoint("input")),
                hist(T0 + SEC, T0 + 2 * SEC, 10, codexPoint("output")))));
        assertFigures(team, 400, 600, 0, 10, 0); // 1000 − 600 carried
        post(cachedOnly); // a late retry of the first export: stored already, the carry is left alone
        assertFigures(team, 400, 600, 0, 10, 0);
        post(codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0 + 2 * SEC, T0 + 3 * SEC, 100, codexPoint("input")),
                hist(T0 + 2 * SEC, T0 + 3 * SEC, 100, codexPoint("cached_input")))));
        // Their input 1100, their cached input 700: stored input 400, exactly.
        assertFigures(team, 400, 700, 0, 10, 0);
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE team_id = ? AND input_tokens < 0", team));
    }

    /** The same cached-only export sent 8 times at once (racing retries, maybe in one group commit): one carry. */
    @Test
    void racingRetriesOfACachedOnlyExportMoveTheCarryOnce() throws Exception {
        clock.set(NOW);
        String team = "cx-race";
        String cachedOnly = codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0, T0 + SEC, 600, codexPoint("cached_input"))));
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + Api.INGEST_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(cachedOnly)).build();
                    return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertFigures(team, 0, 600, 0, 0, 0);
        post(codexExport(team, histogram(CodexMetric.TOKENS, 1,
                hist(T0 + SEC, T0 + 2 * SEC, 1_000, codexPoint("input")))));
        assertFigures(team, 400, 600, 0, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Gemini CLI

    @Test
    void geminiCumulativeSumJsonMapsCacheThoughtAndTool() {
        clock.set(NOW);
        String team = "gm-cumul";
        Api.team(team, "{\"min_contributors\":1}");
        String first = geminiExport(team, sum(GeminiMetric.TOKENS, 2, gemini(T0, T0 + 10 * SEC, 2_000, 500, 100, 40,
                10)));
        post(first);
        // input 2000 − cache 500 + tool 10; output 100 + thought 40; reasoning = thought.
        assertFigures(team, 1_510, 500, 0, 140, 40);
        String second = geminiExport(team, sum(GeminiMetric.TOKENS, 2, gemini(T0, T0 + 20 * SEC, 3_000, 1_500, 150,
                40, 10)));
        post(second);
        post(second); // the retry
        post(first); // a late old export
        assertFigures(team, 1_510, 1_500, 0, 190, 40);
        assertEquals("gemini-cli", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_session_hourly WHERE session_id = 'gm-s1' "
                + "AND team_id = ?", team));
        JsonPath card = scorecard(team);
        assertEquals(1_510, card.getLong("cost.input_tokens"));
        assertEquals(1_500, card.getLong("cost.cached_input_tokens"));
        assertEquals(190, card.getLong("cost.output_tokens"));
        assertEquals(40, card.getLong("cost.reasoning_tokens"));
        assertCost(team, card, 1_510 * GEMINI_IN + 1_500 * GEMINI_CACHED + 190 * GEMINI_OUT);
    }

    @Test
    void geminiDeltaHistogramProtobufIsStoredOnceAndAnsweredInProtobuf() throws Exception {
        clock.set(NOW);
        String team = "gm-delta";
        Histogram.Builder h = Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        String[] types = { "input", "cache", "output", "thought", "tool" };
        long[] values = { 800, 300, 60, 20, 0 };
        for (int i = 0; i < types.length; i++) {
            h.addDataPoints(HistogramDataPoint.newBuilder().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + SEC)
                    .setCount(1).setSum(values[i]).addAttributes(kv("type", types[i]))
                    .addAttributes(kv("model", "gemini-2.5-pro")));
        }
        ExportMetricsServiceRequest req = request(team, "gemini-cli", "gm-s2",
                Metric.newBuilder().setName(GeminiMetric.TOKENS).setHistogram(h).build());
        ExportMetricsServiceResponse r = postProto(req);
        assertFalse(r.hasPartialSuccess());
        postProto(req);
        assertFigures(team, 500, 300, 0, 80, 20);
        assertEquals(1, db.events(team));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad points

    @Test
    void badAgentPointsAreRejectedInPartialSuccessWithTheirReasonsAndTheOthersKept() {
        clock.set(NOW);
        String team = "cx-bad";
        String codex = histogram(CodexMetric.TOKENS, 1,
                hist(T0, T0 + SEC, 100, codexPoint("input")),
                hist(T0, T0 + SEC, 100, codexPoint("total")), // ignored, not rejected
                hist(T0, T0 + SEC, -1, codexPoint("total")), // ignored even when it would be refused
                hist(T0, T0 + SEC, 5, codexPoint("weird")),
                hist(T0, T0 + SEC, -5, codexPoint("output")),
                hist(T0, T0 + SEC, 5, attr("token_type", "output"), attr("conversation.id", "cx-conv-1")));
        String gemini = sum(GeminiMetric.TOKENS, 1,
                point(T0, T0 + SEC, 5, attr("type", "bogus"), attr("model", "gemini-2.5-pro")),
                point(T0, T0 + SEC, 5, attr("type", "input"), attr("model", "gemini-2.5-pro"),
                        attr("team", "Not A Slug")));
        Api.ingest().contentType(ContentType.JSON).body(codexExport(team, codex, gemini)).post("/v1/metrics")
                .then().statusCode(200)
                .body("partialSuccess.rejectedDataPoints", equalTo("5"))
                .body("partialSuccess.errorMessage", containsString(CodexMetric.TOKENS
                        + ": attribute token_type must be input, cached_input, output, reasoning_output, "
                        + "cache_write_input or total"))
                .body("partialSuccess.errorMessage", containsString(CodexMetric.TOKENS
                        + ": value must be a number ≥ 0"))
                .body("partialSuccess.errorMessage", containsString(CodexMetric.TOKENS
                        + ": data point without a model attribute"))
                .body("partialSuccess.errorMessage", containsString(GeminiMetric.TOKENS
                        + ": attribute type must be input, output, thought, cache or tool"))
                .body("partialSuccess.errorMessage", containsString(GeminiMetric.TOKENS
                        + ": attribute team must be a team slug"));
        assertFigures(team, 100, 0, 0, 0, 0);
        assertEquals(1, db.events(team));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The real OpenTelemetry Java SDK as the client

    /**
     * Codex- and Gemini-shaped histograms recorded with the OpenTelemetry Java SDK and exported by
     * {@code OtlpHttpMetricExporter} (protobuf): Codex cumulative with a lost answer (the batch sent twice), Gemini
     * delta. The scorecards reproduce what was recorded, with input less its cached part.
     */
    @Test
    void javaSdkCodexAndGeminiHistogramsAreReproducedInTheScorecard() {
        clock.set(NOW);
        OtlpSdkPointsTest.SdkClock sdkClock = new OtlpSdkPointsTest.SdkClock(Instant.parse("2026-03-02T11:30:00Z"));

        Api.team("sdk-codex", "{\"min_contributors\":1}");
        try (Sdk codex = new Sdk("sdk-codex", "codex_cli_rs", "codex-otel-metrics", CodexMetric.TOKENS,
                AggregationTemporalitySelector.alwaysCumulative(), sdkClock)) {
            Attributes turn = Attributes.of(AttributeKey.stringKey("model"), "gpt-5",
                    AttributeKey.stringKey("conversation.id"), "sdk-conv-1");
            codex.record("token_type", turn, 5_000, 3_000, 700, 200, 5_700, "input", "cached_input", "output",
                    "reasoning_output", "total");
            sdkClock.advance(10);
            codex.flush();
            codex.record("token_type", turn, 6_000, 5_000, 300, 0, 6_300, "input", "cached_input", "output",
                    "reasoning_output", "total");
            sdkClock.advance(10);
            codex.exporter.resendNext = true;
            codex.flush();
        }
        JsonPath cx = scorecard("sdk-codex");
        assertEquals(11_000 - 8_000, cx.getLong("cost.input_tokens"));
        assertEquals(8_000, cx.getLong("cost.cached_input_tokens"));
        assertEquals(1_000, cx.getLong("cost.output_tokens"));
        assertEquals(200, cx.getLong("cost.reasoning_tokens"));
        assertCost("sdk-codex", cx, 3_000 * GPT5_IN + 8_000 * GPT5_CACHED + 1_000 * GPT5_OUT);

        Api.team("sdk-gemini", "{\"min_contributors\":1}");
        try (Sdk gemini = new Sdk("sdk-gemini", "gemini-cli", "gemini-cli", GeminiMetric.TOKENS,
                AggregationTemporalitySelector.deltaPreferred(), sdkClock)) {
            Attributes call = Attributes.of(AttributeKey.stringKey("model"), "gemini-2.5-pro",
                    AttributeKey.stringKey("session.id"), "sdk-gm-1");
            gemini.record("type", call, 4_000, 1_000, 500, 100, 50, "input", "cache", "output", "thought", "tool");
            sdkClock.advance(10);
            gemini.exporter.resendNext = true;
            gemini.flush();
        }
        JsonPath gm = scorecard("sdk-gemini");
        assertEquals(4_000 - 1_000 + 50, gm.getLong("cost.input_tokens"));
        assertEquals(1_000, gm.getLong("cost.cached_input_tokens"));
        assertEquals(600, gm.getLong("cost.output_tokens"));
        assertEquals(100, gm.getLong("cost.reasoning_tokens"));
        assertCost("sdk-gemini", gm, 3_050 * GEMINI_IN + 1_000 * GEMINI_CACHED + 600 * GEMINI_OUT);
    }

    /** One agent process: a meter provider with one long histogram, exported over OTLP/HTTP protobuf. */
    final class Sdk implements AutoCloseable {
        final OtlpSdkPointsTest.ResendingExporter exporter;
        final SdkMeterProvider provider;
        final LongHistogram tokens;

        Sdk(String team, String service, String meter, String metric, AggregationTemporalitySelector temporality,
                OtlpSdkPointsTest.SdkClock sdkClock) {
            exporter = new OtlpSdkPointsTest.ResendingExporter(OtlpHttpMetricExporter.builder()
                    .setEndpoint(endpoint.toString()).addHeader("Authorization", "Bearer " + Api.INGEST_TOKEN)
                    .setAggregationTemporalitySelector(temporality).build());
            provider = SdkMeterProvider.builder().setClock(sdkClock)
                    .setResource(io.opentelemetry.sdk.resources.Resource.getDefault()
                            .merge(io.opentelemetry.sdk.resources.Resource.create(Attributes.of(
                                    AttributeKey.stringKey("service.name"), service,
                                    AttributeKey.stringKey("team"), team,
                                    AttributeKey.stringKey("workflow"), "coding"))))
                    .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofDays(1))
                            .build())
                    .build();
            tokens = provider.get(meter).histogramBuilder(metric).ofLongs().setUnit("token").build();
        }

        /** Records values[i] with attribute {@code typeKey} = names[i] on top of {@code common}. */
        void record(String typeKey, Attributes common, long v0, long v1, long v2, long v3, long v4,
                String... names) {
            long[] values = { v0, v1, v2, v3, v4 };
            for (int i = 0; i < names.length; i++) {
                tokens.record(values[i], common.toBuilder().put(typeKey, names[i]).build());
            }
        }

        void flush() {
            assertTrue(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess(), "flush");
            assertEquals(0, exporter.failures, "failed exports");
        }

        @Override
        public void close() {
            assertTrue(provider.shutdown().join(60, TimeUnit.SECONDS).isSuccess(), "shutdown");
            assertEquals(0, exporter.failures, "failed exports");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private void assertFigures(String team, long input, long cached, long write, long output, long reasoning) {
        String sql = "SELECT SUM(%s) FROM usage_hourly WHERE team_id = ?";
        assertEquals(input, db.count(sql.formatted("input_tokens"), team), "input");
        assertEquals(cached, db.count(sql.formatted("cached_input_tokens"), team), "cached input");
        assertEquals(write, db.count(sql.formatted("cache_write_tokens"), team), "cache write");
        assertEquals(output, db.count(sql.formatted("output_tokens"), team), "output");
        assertEquals(reasoning, db.count(sql.formatted("reasoning_tokens"), team), "reasoning");
    }

    /** The exact cost in the rollup; the scorecard shows it to 4 decimal places. */
    private void assertCost(String team, JsonPath card, double usd) {
        assertEquals(usd, db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team), 1e-12);
        assertEquals(Math.round(usd * 1e4) / 1e4, card.getDouble("cost.total_usd"), 1e-12);
    }

    private static JsonPath scorecard(String team) {
        return Api.admin().get("/api/teams/" + team + "/scorecard?" + PERIOD).then().statusCode(200)
                .body("withheld", equalTo(false)).extract().jsonPath();
    }

    private static void post(String body) {
        Api.ingest().contentType(ContentType.JSON).body(body).post("/v1/metrics").then().statusCode(200)
                .body(equalTo("{}"));
    }

    private static ExportMetricsServiceResponse postProto(ExportMetricsServiceRequest req) throws Exception {
        byte[] answer = Api.ingest().contentType("application/x-protobuf").body(req.toByteArray())
                .post("/v1/metrics").then().statusCode(200).contentType("application/x-protobuf").extract()
                .asByteArray();
        return ExportMetricsServiceResponse.parseFrom(answer);
    }

    private static String attr(String k, String v) {
        return "{\"key\":\"" + k + "\",\"value\":{\"stringValue\":\"" + v + "\"}}";
    }

    /** A Codex point's attributes: the token type and the session tags Codex puts on its metrics. */
    private static String[] codexPoint(String tokenType) {
        return new String[] { attr("token_type", tokenType), attr("model", "gpt-5"),
                attr("conversation.id", "cx-conv-1"), attr("auth_mode", "chatgpt"),
                attr("originator", "codex_cli_rs"), attr("app_version", "0.153.4") };
    }

    private static String hist(long start, long time, long sum, String... attrs) {
        return "{\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + time + "\",\"count\":\"1\",\"sum\":"
                + sum + ",\"bucketCounts\":[\"1\"],\"explicitBounds\":[],\"attributes\":[" + String.join(",", attrs)
                + "]}";
    }

    private static String point(long start, long time, long value, String... attrs) {
        return "{\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + time + "\",\"asInt\":\"" + value
                + "\",\"attributes\":[" + String.join(",", attrs) + "]}";
    }

    private static String histogram(String name, int temporality, String... points) {
        return "{\"name\":\"" + name + "\",\"unit\":\"token\",\"histogram\":{\"aggregationTemporality\":"
                + temporality + ",\"dataPoints\":[" + String.join(",", points) + "]}}";
    }

    private static String sum(String name, int temporality, String... points) {
        return "{\"name\":\"" + name + "\",\"sum\":{\"aggregationTemporality\":" + temporality
                + ",\"isMonotonic\":true,\"dataPoints\":[" + String.join(",", points) + "]}}";
    }

    /** Gemini CLI's five token types of one model, in one cumulative or delta sum. */
    private static String[] gemini(long start, long time, long input, long cache, long output, long thought,
            long tool) {
        String model = attr("model", "gemini-2.5-pro");
        return new String[] { point(start, time, input, attr("type", "input"), model),
                point(start, time, cache, attr("type", "cache"), model),
                point(start, time, output, attr("type", "output"), model),
                point(start, time, thought, attr("type", "thought"), model),
                point(start, time, tool, attr("type", "tool"), model) };
    }

    private static String codexExport(String team, String... metrics) {
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + attr("service.name", "codex_cli_rs") + ","
                + attr("team", team) + "," + attr("repo", "acme/cx") + "," + attr("workflow", "coding")
                + "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"codex-otel-metrics\"},\"metrics\":["
                + String.join(",", metrics) + "]}]}]}";
    }

    /** Gemini CLI puts session.id on the resource, and its service.version is the Node.js version. */
    private static String geminiExport(String team, String... metrics) {
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + attr("service.name", "gemini-cli") + ","
                + attr("service.version", "v22.3.0") + "," + attr("session.id", "gm-s1") + ","
                + attr("installation.id", "inst-1") + "," + attr("team", team) + "," + attr("workflow", "coding")
                + "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"gemini-cli\"},\"metrics\":["
                + String.join(",", metrics) + "]}]}]}";
    }

    private static Metric sums(AggregationTemporality t, long start, long time, long input, long cached, long output,
            long reasoning) {
        Sum.Builder s = Sum.newBuilder().setAggregationTemporality(t).setIsMonotonic(true);
        String[] types = { "input", "cached_input", "output", "reasoning_output" };
        long[] values = { input, cached, output, reasoning };
        for (int i = 0; i < types.length; i++) {
            s.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(time)
                    .setAsInt(values[i]).addAttributes(kv("token_type", types[i])).addAttributes(kv("model", "gpt-5"))
                    .addAttributes(kv("conversation.id", "cx-conv-2")));
        }
        return Metric.newBuilder().setName(CodexMetric.TOKENS).setSum(s).build();
    }

    private static ExportMetricsServiceRequest codexProto(String team, Metric m) {
        return request(team, "codex", null, m);
    }

    private static ExportMetricsServiceRequest request(String team, String service, String session, Metric m) {
        Resource.Builder r = Resource.newBuilder().addAttributes(kv("service.name", service))
                .addAttributes(kv("team", team)).addAttributes(kv("workflow", "coding"));
        if (session != null) {
            r.addAttributes(kv("session.id", session));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(r)
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(m))).build();
    }

    private static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }
}
