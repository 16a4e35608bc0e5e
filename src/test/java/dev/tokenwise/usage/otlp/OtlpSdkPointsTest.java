package dev.tokenwise.usage.otlp;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.usage.UsageDb;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The cumulative/delta rule of {@code POST /v1/metrics} with the points real SDKs send: bodies recorded from the
 * OpenTelemetry JS SDK's JSON exporter (payloads/otlp/js-sdk, see SOURCES.md there), and the OpenTelemetry Java SDK
 * exporting to the running service over HTTP. Figures are checked in the rollups after each export and, at the end,
 * in the team's scorecard.
 */
@QuarkusTest
class OtlpSdkPointsTest {

    static final String NOW = "2026-03-02T12:00:00Z";
    static final String PERIOD = "from=2026-03-02&to=2026-03-03";
    static final long MS = 1_000_000L;
    static final long SEC = 1_000 * MS;
    /** The instant the JS bodies start at, 2026-03-02T11:00:00.123Z, in nanoseconds. */
    static final long JS_M = Instant.parse("2026-03-02T11:00:00.123Z").toEpochMilli() * MS;
    /** Anthropic's list prices for claude-sonnet-4-5 in the seeded price table, USD per token. */
    static final double SONNET_INPUT = 3.00 / 1e6;
    static final double SONNET_OUTPUT = 15.00 / 1e6;

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @Inject
    OtlpMapper mapper;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/v1/metrics")
    URI endpoint;

    @AfterEach
    void reset() {
        clock.reset();
    }

    // ---------------------------------------------------------------------------------------------------------
    // JS SDK (OTLP/HTTP JSON, millisecond stamps)

    @Test
    void jsCumulativeCountsFirstPointsWithStartEqualToTimeRestartsAndRepeatsExactly() {
        clock.set(NOW);
        String team = "otjs-cumul";
        Api.team(team, "{\"min_contributors\":1}");

        // First export of a new exporter: start == time on every point, each counted whole.
        postJs("cumulative-1-first.json", team);
        assertTokens(team, 1200, 300, 0);
        assertEquals(0.42, cost(team), 1e-9);

        // Same start, a minute later: the increases. The new cacheRead series has start == time: counted whole.
        postJs("cumulative-2-later.json", team);
        assertTokens(team, 2000, 400, 5000);
        assertEquals(0.60, cost(team), 1e-9);

        // The SDK's shutdown export repeats the same points (same start, time and value): nothing more.
        postJs("cumulative-2b-shutdown.json", team);
        assertTokens(team, 2000, 400, 5000);

        // The exporter restarted and exported within its first millisecond: start == time while the service holds
        // an earlier point. Every value dropped (500 < 2000, 50 < 400, 0.05 < 0.60): each counts whole.
        postJs("cumulative-3-restart.json", team);
        assertTokens(team, 2500, 450, 5000);
        assertEquals(0.65, cost(team), 1e-9);

        // The restarted run goes on with the same start: differences (input +3000, output +0, cost +0.30).
        postJs("cumulative-4-after-restart.json", team);
        postJs("cumulative-4b-shutdown.json", team);
        assertTokens(team, 5500, 450, 5000);
        assertEquals(0.95, cost(team), 1e-9);

        // Restarted again, start == time, input already above the held 3500: a re-observation counts only the
        // difference (+500); output dropped (20 < 50): whole (+20); cost grew 0.35 → 0.50: +0.15.
        postJs("cumulative-5-restart-higher.json", team);
        postJs("cumulative-5b-shutdown.json", team);
        assertTokens(team, 6000, 470, 5000);
        assertEquals(1.10, cost(team), 1e-9);

        // Late retries of older exports count nothing, and nothing is ever negative.
        postJs("cumulative-1-first.json", team);
        postJs("cumulative-3-restart.json", team);
        assertTokens(team, 6000, 470, 5000);

        // The export carries claude_code.cost.usage: cost comes from it, token points add tokens only.
        JsonPath card = scorecard(team);
        assertEquals(6000, card.getLong("cost.input_tokens"));
        assertEquals(470, card.getLong("cost.output_tokens"));
        assertEquals(5000, card.getLong("cost.cached_input_tokens"));
        assertEquals(1.10, card.getDouble("cost.total_usd"), 1e-9);
    }

    @Test
    void jsDeltaCountsEachPointOnceAndKeepsEqualValuesOfLaterIntervals() {
        clock.set(NOW);
        String team = "otjs-delta";
        Api.team(team, "{\"min_contributors\":1}");
        postJs("delta-1.json", team); // start == time: its value, like any delta point
        postJs("delta-2.json", team);
        postJs("delta-2.json", team); // an exporter retry: the same points, stored once
        assertTokens(team, 2000, 0, 0);
        postJs("delta-3.json", team); // the same values as delta-2 for the next interval: counted
        assertTokens(team, 2800, 0, 0);
        JsonPath card = scorecard(team);
        assertEquals(2800, card.getLong("cost.input_tokens"));
        assertEquals(0.42 + 0.18 + 0.18, card.getDouble("cost.total_usd"), 1e-9);
    }

    /**
     * A restart of the service loses nothing because the held point of every series lives in {@code otlp_series}
     * only: here the row is changed behind the service's back (as another replica, or this service before a
     * restart, would have left it) and the next export is counted against the row, not against anything the
     * service saw itself.
     */
    @Test
    void theHeldPointIsReadFromTheDatabaseOnEveryExport() throws IOException {
        clock.set(NOW);
        String team = "otjs-restart";
        postJs("cumulative-1-first.json", team);
        String input = seriesKey("cumulative-1-first.json", team, OtlpSample.Kind.INPUT);
        assertEquals(new CumulativeRule.Held(JS_M, JS_M, 1200), held(input));

        // The database now holds a later point of the same run (input 1500 at M + 30 s).
        update("UPDATE otlp_series SET time_nanos = ?, last_value = 1500 WHERE series_key = ?", JS_M + 30 * SEC,
                input);
        postJs("cumulative-2-later.json", team);
        // 2000 − 1500 from the row, not 2000 − 1200 from the first export.
        assertTokens(team, 1200 + 500, 400, 5000);
        assertEquals(new CumulativeRule.Held(JS_M, JS_M + 60 * SEC, 2000), held(input));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Java SDK (OTLP/HTTP protobuf through OtlpHttpMetricExporter, nanosecond stamps)

    @Test
    void javaSdkCumulativeCountsFirstPointRestartAndRetryOnce() {
        clock.set(NOW);
        String team = "otjava-cumul";
        Api.team(team, "{\"min_contributors\":1}");
        SdkClock sdkClock = new SdkClock(Instant.parse("2026-03-02T11:10:00Z"));

        JavaExporter a = new JavaExporter(team, AggregationTemporalitySelector.alwaysCumulative(), true, sdkClock);
        a.add(1000, "input");
        a.add(200, "output");
        sdkClock.advance(10);
        a.flush(); // start = the provider's start, 10 s before: the whole first value
        assertTokens(team, 1000, 200, 0);

        a.add(500, "input");
        sdkClock.advance(10);
        a.exporter.resendNext = true;
        a.flush(); // sent twice, as when the answer to the first attempt is lost
        a.shutdown(); // the reader's final export repeats the same points
        assertEquals(4, a.exporter.exports);
        assertTokens(team, 1500, 200, 0);

        // The exporter restarts: a new start time. Its first input point (2000) is above the held 1500 and still
        // counts whole, since the new run started from 0; output 100 is below the held 200: whole, not negative.
        sdkClock.advance(10);
        JavaExporter b = new JavaExporter(team, AggregationTemporalitySelector.alwaysCumulative(), true, sdkClock);
        b.add(2000, "input");
        b.add(100, "output");
        sdkClock.advance(10);
        b.flush();
        assertTokens(team, 3500, 300, 0);
        b.add(700, "input");
        sdkClock.advance(10);
        b.flush();
        b.shutdown();
        assertTokens(team, 4200, 300, 0);

        // No claude_code.cost.usage in these exports: tokens are priced by the table.
        JsonPath card = scorecard(team);
        assertEquals(4200, card.getLong("cost.input_tokens"));
        assertEquals(300, card.getLong("cost.output_tokens"));
        assertEquals(4200 * SONNET_INPUT + 300 * SONNET_OUTPUT, card.getDouble("cost.total_usd"), 1e-9);
    }

    @Test
    void javaSdkDeltaCountsEachIntervalOnce() {
        clock.set(NOW);
        String team = "otjava-delta";
        Api.team(team, "{\"min_contributors\":1}");
        SdkClock sdkClock = new SdkClock(Instant.parse("2026-03-02T11:20:00Z"));

        JavaExporter a = new JavaExporter(team, AggregationTemporalitySelector.deltaPreferred(), false, sdkClock);
        a.add(1000, "input");
        sdkClock.advance(10);
        a.flush();
        a.add(1000, "input");
        sdkClock.advance(10);
        a.exporter.resendNext = true;
        a.flush(); // the same value as the interval before (counted), sent twice (stored once)
        a.shutdown(); // nothing recorded since: a delta reader exports nothing
        assertEquals(3, a.exporter.exports);
        assertTokens(team, 2000, 0, 0);

        sdkClock.advance(10);
        JavaExporter b = new JavaExporter(team, AggregationTemporalitySelector.deltaPreferred(), false, sdkClock);
        b.add(500, "input");
        sdkClock.advance(10);
        b.flush();
        b.shutdown();
        assertTokens(team, 2500, 0, 0);

        JsonPath card = scorecard(team);
        assertEquals(2500, card.getLong("cost.input_tokens"));
        assertEquals(2500 * SONNET_INPUT, card.getDouble("cost.total_usd"), 1e-9);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Concurrency

    /**
     * Exports of one series race each other (several replicas, or an exporter retrying while its first attempt
     * is still being handled). The series row is locked while a point is counted, so whatever the order, the
     * counted increases add up to the last value exactly.
     */
    @Test
    void concurrentExportsOfOneSeriesNeverCountTwice() throws Exception {
        clock.set(NOW);
        int n = 8;
        List<String> bodies = new ArrayList<>();
        // Cumulative points of one run, value 100·i at M + i s, each in its own export: whichever order they are
        // taken in, the increases add up to the last value (older ones arriving after a newer one count 0).
        for (int i = 1; i <= n; i++) {
            bodies.add(jsShape("ot-race-cumul", 2, JS_M, JS_M + i * SEC, 100 * i));
        }
        // The same first point (start == time) of a new series, n times.
        for (int i = 0; i < n; i++) {
            bodies.add(jsShape("ot-race-first", 2, JS_M, JS_M, 1200));
        }
        // The same delta point, n times.
        for (int i = 0; i < n; i++) {
            bodies.add(jsShape("ot-race-delta", 1, JS_M, JS_M + SEC, 700));
        }
        postAllAtOnce(bodies);
        assertTokens("ot-race-cumul", 100 * n, 0, 0);
        assertTokens("ot-race-first", 1200, 0, 0);
        assertTokens("ot-race-delta", 700, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private static byte[] js(String file, String team) {
        try (InputStream in = OtlpSdkPointsTest.class.getResourceAsStream("/payloads/otlp/js-sdk/" + file)) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The recorded bodies name team otjs-cumul; other tests put their series in their own team.
            return body.replace("\"otjs-cumul\"", "\"" + team + "\"").replace("\"otjs-delta\"", "\"" + team + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void postJs(String file, String team) {
        // The JS exporter reads "{}" as full success; a partialSuccess would be logged as rejected points.
        Api.ingest().contentType(ContentType.JSON).body(js(file, team)).post("/v1/metrics")
                .then().statusCode(200).body(equalTo("{}"));
    }

    private String seriesKey(String file, String team, OtlpSample.Kind kind) throws IOException {
        ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(new String(js(file, team), StandardCharsets.UTF_8), b);
        return mapper.map(b.build()).samples().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow()
                .seriesKey();
    }

    private CumulativeRule.Held held(String seriesKey) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT start_nanos, time_nanos, last_value FROM otlp_series WHERE series_key = ?")) {
            ps.setString(1, seriesKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new CumulativeRule.Held(rs.getLong(1), rs.getLong(2), rs.getDouble(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertEquals(1, ps.executeUpdate(), sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertTokens(String team, long input, long output, long cacheRead) {
        assertEquals(input, db.count("SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id = ?", team),
                "input tokens");
        assertEquals(output, db.count("SELECT SUM(output_tokens) FROM usage_hourly WHERE team_id = ?", team),
                "output tokens");
        assertEquals(cacheRead, db.count("SELECT SUM(cached_input_tokens) FROM usage_hourly WHERE team_id = ?",
                team), "cache read tokens");
    }

    private double cost(String team) {
        return db.sum("SELECT SUM(cost_usd) FROM usage_hourly WHERE team_id = ?", team);
    }

    private static JsonPath scorecard(String team) {
        return Api.admin().get("/api/teams/" + team + "/scorecard?" + PERIOD).then().statusCode(200)
                .body("withheld", equalTo(false)).extract().jsonPath();
    }

    /** A body in the JS exporter's JSON encoding with one claude_code.token.usage input point. */
    private static String jsShape(String team, int temporality, long start, long time, long value) {
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"claude-code\"}},"
                + "{\"key\":\"team\",\"value\":{\"stringValue\":\"" + team + "\"}}]},"
                + "\"scopeMetrics\":[{\"scope\":{\"name\":\"com.anthropic.claude_code\"},\"metrics\":[{"
                + "\"name\":\"claude_code.token.usage\",\"unit\":\"tokens\",\"sum\":{\"aggregationTemporality\":"
                + temporality + ",\"isMonotonic\":true,\"dataPoints\":[{\"attributes\":["
                + "{\"key\":\"session.id\",\"value\":{\"stringValue\":\"race-session\"}},"
                + "{\"key\":\"model\",\"value\":{\"stringValue\":\"claude-sonnet-4-5\"}},"
                + "{\"key\":\"type\",\"value\":{\"stringValue\":\"input\"}}],"
                + "\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + time + "\",\"asInt\":" + value
                + "}]}}]}]}]}";
    }

    /** Sends every body at the same moment from its own thread; each must be answered 200. */
    private void postAllAtOnce(List<String> bodies) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(pool.submit(() -> {
                    go.await();
                    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + Api.INGEST_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
    }

    /** The SDK's clock, moved by the test, so that start and time stamps are known. */
    static final class SdkClock implements Clock {
        private final AtomicLong nanos;

        SdkClock(Instant start) {
            nanos = new AtomicLong(start.getEpochSecond() * SEC);
        }

        void advance(long seconds) {
            nanos.addAndGet(seconds * SEC);
        }

        @Override
        public long now() {
            return nanos.get();
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }
    }

    /** Sends each batch to the real exporter, twice when asked: what an exporter does when an answer is lost. */
    static final class ResendingExporter extends Resends implements MetricExporter {
        final MetricExporter delegate;

        ResendingExporter(MetricExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return send(() -> delegate.export(metrics));
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return delegate.getAggregationTemporality(type);
        }

        @Override
        public MemoryMode getMemoryMode() {
            return delegate.getMemoryMode();
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /** One Java "process" as Claude Code's metrics would be set up in it: a meter provider exporting over OTLP. */
    final class JavaExporter {
        final ResendingExporter exporter;
        final SdkMeterProvider provider;
        /** claude_code.token.usage: one counter, the token type is an attribute. */
        final LongCounter tokens;

        JavaExporter(String team, AggregationTemporalitySelector temporality, boolean gzip, Clock sdkClock) {
            exporter = new ResendingExporter(OtlpHttpMetricExporter.builder().setEndpoint(endpoint.toString())
                    .addHeader("Authorization", "Bearer " + Api.INGEST_TOKEN)
                    .setCompression(gzip ? "gzip" : "none")
                    .setAggregationTemporalitySelector(temporality).build());
            provider = SdkMeterProvider.builder().setClock(sdkClock)
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                            AttributeKey.stringKey("service.name"), "claude-code",
                            AttributeKey.stringKey("team"), team,
                            AttributeKey.stringKey("workflow"), "coding"))))
                    .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofDays(1))
                            .build())
                    .build();
            Meter meter = provider.get("com.anthropic.claude_code");
            tokens = meter.counterBuilder("claude_code.token.usage").setUnit("tokens").build();
        }

        void add(long value, String type) {
            tokens.add(value, Attributes.of(AttributeKey.stringKey("type"), type,
                    AttributeKey.stringKey("model"), "claude-sonnet-4-5",
                    AttributeKey.stringKey("session.id"), "java-session-1",
                    AttributeKey.stringKey("user.id"), "java-user-1"));
        }

        /** Collects and exports now; every export must have been answered as a success. */
        void flush() {
            assertTrue(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess(), "flush");
            assertEquals(0, exporter.failures, "failed exports");
        }

        /** Shuts down as a process does at exit: the reader collects and exports one last time. */
        void shutdown() {
            assertTrue(provider.shutdown().join(60, TimeUnit.SECONDS).isSuccess(), "shutdown");
            assertEquals(0, exporter.failures, "failed exports");
        }
    }
}
