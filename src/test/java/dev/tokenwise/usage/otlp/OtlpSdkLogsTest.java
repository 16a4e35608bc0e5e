package dev.tokenwise.usage.otlp;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.usage.UsageDb;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OpenTelemetry Java SDK as Claude Code's exporters: an {@link SdkLoggerProvider} sending Claude Code's events
 * over {@link OtlpHttpLogRecordExporter} (protobuf, gzip) to {@code POST /v1/logs}, and an {@link SdkMeterProvider}
 * sending its {@code claude_code.token.usage} and {@code claude_code.cost.usage} counters (delta, as Claude Code
 * prefers) over {@link OtlpHttpMetricExporter} (protobuf) to {@code POST /v1/metrics}, both to the running service.
 * The Java exporters speak protobuf only; OTLP JSON is covered by OtlpLogsTest and OtlpMetricsTest.
 * <p>
 * Two sessions of one team: one sends events and metrics (its figures must come from its events only, whether its
 * metric points came before the events or after), the other metrics only (counted by them). Each exporter sends one
 * of its exports twice, as an exporter does when an answer is lost. The records carry the times the agent stamped;
 * the service's clock is fixed half an hour after them.
 */
@QuarkusTest
class OtlpSdkLogsTest {

    static final String NOW = "2026-05-12T12:00:00Z";
    static final String PERIOD = "from=2026-05-12&to=2026-05-13";
    static final Instant START = Instant.parse("2026-05-12T11:30:00Z");
    static final String TEAM = "sdk-claude";
    static final String MODEL = "claude-sonnet-4-5";
    static final String EVENTS_SESSION = "sdk-cc-events-0000-4000-8000-000000000001";
    static final String METRICS_SESSION = "sdk-cc-metrics-0000-4000-8000-000000000002";
    static final String SHA = "3f2c9e0b7a1d4c5e8f6a2b1c0d9e8f7a6b5c4d3e";

    static final AttributeKey<String> SESSION = AttributeKey.stringKey("session.id");
    static final AttributeKey<String> EMAIL = AttributeKey.stringKey("user.email");
    static final AttributeKey<String> EVENT = AttributeKey.stringKey("event.name");
    static final AttributeKey<String> STAMP = AttributeKey.stringKey("event.timestamp");

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @TestHTTPResource("/v1/logs")
    URI logsEndpoint;

    @TestHTTPResource("/v1/metrics")
    URI metricsEndpoint;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void claudeCodeEventsAndMetricsFromTheJavaSdkAreReproducedInTheScorecard() {
        clock.set(NOW);
        Api.team(TEAM, "{\"min_contributors\":1}");
        OtlpSdkPointsTest.SdkClock sdkClock = new OtlpSdkPointsTest.SdkClock(START);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "claude-code",
                AttributeKey.stringKey("service.version"), "2.1.226",
                AttributeKey.stringKey("team"), TEAM,
                AttributeKey.stringKey("workflow"), "coding")));
        ResendingLogExporter logExporter = new ResendingLogExporter(OtlpHttpLogRecordExporter.builder()
                .setEndpoint(logsEndpoint.toString()).addHeader("Authorization", "Bearer " + Api.INGEST_TOKEN)
                .setCompression("gzip").build());
        OtlpSdkPointsTest.ResendingExporter metricExporter = new OtlpSdkPointsTest.ResendingExporter(
                OtlpHttpMetricExporter.builder().setEndpoint(metricsEndpoint.toString())
                        .addHeader("Authorization", "Bearer " + Api.INGEST_TOKEN)
                        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build());
        // Nothing is exported by a timer: only the test's flushes send, so each step's figures are known.
        SdkLoggerProvider loggers = SdkLoggerProvider.builder().setResource(resource).setClock(sdkClock)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(logExporter).setScheduleDelay(Duration.ofDays(1))
                        .build())
                .build();
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(resource).setClock(sdkClock)
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter).setInterval(Duration.ofDays(1))
                        .build())
                .build();
        try {
            Meter meter = meters.meterBuilder("com.anthropic.claude_code").setInstrumentationVersion("2.1.226")
                    .build();
            DoubleCounter tokens = meter.counterBuilder(ClaudeCodeMetric.TOKENS).ofDoubles().setUnit("tokens")
                    .build();
            DoubleCounter cost = meter.counterBuilder(ClaudeCodeMetric.COST).ofDoubles().setUnit("USD").build();
            Logger events = loggers.loggerBuilder("com.anthropic.claude_code.events")
                    .setInstrumentationVersion("2.1.226").build();

            // 1: the first minute's metrics of both sessions; no event yet, so both count by their metrics.
            usage(tokens, cost, EVENTS_SESSION, 900, 7_000, 1_100, 260, 0.0355);
            usage(tokens, cost, METRICS_SESSION, 400, 2_000, 300, 120, 0.0142);
            sdkClock.advance(60);
            flush(meters, metricExporter);
            assertSession(EVENTS_SESSION, SessionSourceRepository.METRICS_SOURCE, 900, 7_000, 1_100, 260, 0.0355);
            JsonPath first = scorecard();
            assertCost(first, 1_300, 9_000, 1_400, 380, 0.0497);
            assertEquals(0, first.getInt("agent_errors.sessions"));
            assertNull(first.get("agent_errors.sessions_with_errors_share"));

            // 2: the events session's events, exported twice: two requests, a rate limit, a commit.
            apiRequest(events, START.plusSeconds(5), "req_sdk_events_1", 12, 3_000, 500, 140, 0.0210);
            apiRequest(events, START.plusSeconds(20), "req_sdk_events_2", 8, 4_500, 0, 95, 0.0165);
            apiError(events, START.plusSeconds(25));
            toolResult(events, START.plusSeconds(30));
            logExporter.resendNext = true;
            flush(loggers, logExporter);
            // Its first minute of metric points is taken back.
            assertSession(EVENTS_SESSION, SessionSourceRepository.METRICS_SOURCE, 0, 0, 0, 0, 0);
            assertCost(scorecard(), 20 + 400, 7_500 + 2_000, 500 + 300, 235 + 120, 0.0375 + 0.0142);

            // 3: the second minute's metrics, exported twice: the events session's add nothing.
            usage(tokens, cost, EVENTS_SESSION, 300, 2_500, 0, 90, 0.0111);
            usage(tokens, cost, METRICS_SESSION, 100, 500, 0, 30, 0.0031);
            sdkClock.advance(60);
            metricExporter.resendNext = true;
            flush(meters, metricExporter);
        } finally {
            assertTrue(loggers.shutdown().join(60, TimeUnit.SECONDS).isSuccess(), "logs shutdown");
            assertTrue(meters.shutdown().join(60, TimeUnit.SECONDS).isSuccess(), "metrics shutdown");
        }
        assertEquals(2, logExporter.exports, "log exports sent");
        assertEquals(3, metricExporter.exports, "metric exports sent");

        // Per session: the events session from its two requests only, the other from its two minutes of metrics.
        assertSession(EVENTS_SESSION, OtlpLogsService.SOURCE, 12 + 8, 3_000 + 4_500, 500, 140 + 95, 0.0375);
        assertSession(EVENTS_SESSION, SessionSourceRepository.METRICS_SOURCE, 0, 0, 0, 0, 0);
        assertSession(METRICS_SESSION, SessionSourceRepository.METRICS_SOURCE, 500, 2_500, 300, 150, 0.0173);
        assertSession(METRICS_SESSION, OtlpLogsService.SOURCE, 0, 0, 0, 0, 0);
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = ?", EVENTS_SESSION));
        // Five points a minute (four token types and the cost), less the second minute's cache write of 0.
        assertEquals(9, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = ?", METRICS_SESSION));

        JsonPath card = scorecard();
        assertCost(card, 20 + 500, 7_500 + 2_500, 500 + 300, 235 + 150, 0.0375 + 0.0173);
        assertEquals(0.0548, card.getDouble("cost.by_model." + MODEL), 1e-12);
        assertEquals(1, card.getInt("agent_errors.errors"));
        assertEquals(Map.of("rate_limit", 1, "overloaded", 0, "auth", 0, "server", 0, "client", 0, "other", 0),
                card.getMap("agent_errors.by_class"));
        // Only the session that sent events counts; it saw the error.
        assertEquals(1, card.getInt("agent_errors.sessions"));
        assertEquals(1, card.getInt("agent_errors.sessions_with_errors"));
        assertEquals(1.0, card.getDouble("agent_errors.sessions_with_errors_share"));
        String tool = "agent_errors.by_tool.claude-code.";
        assertEquals(1, card.getMap("agent_errors.by_tool").size());
        assertEquals(1, card.getInt(tool + "errors"));
        assertEquals(Map.of("rate_limit", 1, "overloaded", 0, "auth", 0, "server", 0, "client", 0, "other", 0),
                card.getMap(tool + "by_class"));
        assertEquals(1, card.getInt(tool + "sessions"));
        assertEquals(1, card.getInt(tool + "sessions_with_errors"));
        assertEquals(1.0, card.getDouble(tool + "sessions_with_errors_share"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM agent_error WHERE session_id = ? AND status_code = 429 "
                + "AND error_class = 'rate_limit' AND tool = 'claude-code' AND team_id = ?", EVENTS_SESSION, TEAM));

        // The commit the session made, once.
        assertEquals(1, db.count("SELECT COUNT(*) FROM session_commit WHERE session_id = ?", EVENTS_SESSION));
        assertEquals(SHA + "|" + TEAM + "|claude-code", db.string("SELECT commit_sha || '|' || team_id || '|' "
                + "|| tool FROM session_commit WHERE session_id = ?", EVENTS_SESSION));
        assertEquals(1, db.count("SELECT COUNT(*) FROM session_commit WHERE session_id = ? AND occurred_at = ?",
                EVENTS_SESSION, START.plusSeconds(30).atOffset(ZoneOffset.UTC)));
    }

    /** One minute of Claude Code's counters for a session: the four token types and the cost. */
    private static void usage(DoubleCounter tokens, DoubleCounter cost, String session, long input, long cacheRead,
            long cacheCreation, long output, double usd) {
        Attributes common = Attributes.of(SESSION, session, EMAIL, "dev@example.com",
                AttributeKey.stringKey("model"), MODEL);
        tokens.add(input, common.toBuilder().put("type", "input").build());
        tokens.add(output, common.toBuilder().put("type", "output").build());
        tokens.add(cacheRead, common.toBuilder().put("type", "cacheRead").build());
        tokens.add(cacheCreation, common.toBuilder().put("type", "cacheCreation").build());
        cost.add(usd, common);
    }

    /** The attributes every Claude Code event carries. */
    private static AttributesBuilder event(String name, Instant at) {
        return Attributes.builder().put(SESSION, EVENTS_SESSION).put(EMAIL, "dev@example.com")
                .put("user.id", "0".repeat(64)).put("terminal.type", "xterm-256color").put(EVENT, name)
                .put(STAMP, at.toString());
    }

    private static void apiRequest(Logger events, Instant at, String requestId, long input, long cacheRead,
            long cacheCreation, long output, double usd) {
        events.logRecordBuilder().setTimestamp(at).setBody("claude_code.api_request")
                .setAllAttributes(event("api_request", at).put("model", MODEL).put("input_tokens", input)
                        .put("output_tokens", output).put("cache_read_tokens", cacheRead)
                        .put("cache_creation_tokens", cacheCreation).put("cost_usd", usd)
                        .put("duration_ms", 3_002L).put("request_id", requestId).put("speed", "normal").build())
                .emit();
    }

    /** A rate-limited request: Claude Code sends the status as a string. */
    private static void apiError(Logger events, Instant at) {
        events.logRecordBuilder().setTimestamp(at).setBody("claude_code.api_error")
                .setAllAttributes(event("api_error", at).put("model", MODEL).put("error", "Rate limited")
                        .put("status_code", "429").put("duration_ms", 120L).put("attempt", 1L).build())
                .emit();
    }

    /** A Bash tool call that committed: its parameters, a JSON string, name the commit. */
    private static void toolResult(Logger events, Instant at) {
        events.logRecordBuilder().setTimestamp(at).setBody("claude_code.tool_result")
                .setAllAttributes(event("tool_result", at).put("tool_name", "Bash").put("success", "true")
                        .put("duration_ms", "412").put("tool_parameters", "{\"bash_command\":\"git\",\"full_command\":"
                                + "\"git commit -m 'Fix the parser'\",\"git_commit_id\":\"" + SHA + "\"}")
                        .build())
                .emit();
    }

    private static void flush(SdkLoggerProvider provider, ResendingLogExporter exporter) {
        assertTrue(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess(), "logs flush");
        assertEquals(0, exporter.failures, "failed log exports");
    }

    private static void flush(SdkMeterProvider provider, OtlpSdkPointsTest.ResendingExporter exporter) {
        assertTrue(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess(), "metrics flush");
        assertEquals(0, exporter.failures, "failed metric exports");
    }

    /** A session's figures from one source in the stored events. */
    private void assertSession(String session, String source, long input, long cached, long write, long output,
            double usd) {
        String sql = "SELECT SUM(%s) FROM usage_event WHERE session_id = ? AND source = ?";
        assertEquals(input, db.count(sql.formatted("input_tokens"), session, source), session + " input");
        assertEquals(cached, db.count(sql.formatted("cached_input_tokens"), session, source), session + " cached");
        assertEquals(write, db.count(sql.formatted("cache_write_tokens"), session, source), session + " write");
        assertEquals(output, db.count(sql.formatted("output_tokens"), session, source), session + " output");
        assertEquals(usd, db.sum(sql.formatted("cost_usd"), session, source), 1e-12, session + " cost");
    }

    /** The team's rollups and scorecard: exact tokens, the exact cost (4 decimal places in the scorecard). */
    private void assertCost(JsonPath card, long input, long cached, long write, long output, double usd) {
        String sql = "SELECT SUM(%s) FROM usage_hourly WHERE team_id = ?";
        assertEquals(usd, db.sum(sql.formatted("cost_usd"), TEAM), 1e-12, "rollup cost");
        assertEquals(input, db.count(sql.formatted("input_tokens"), TEAM), "rollup input");
        assertEquals(usd, card.getDouble("cost.total_usd"), 1e-12);
        assertEquals(input, card.getLong("cost.input_tokens"));
        assertEquals(cached, card.getLong("cost.cached_input_tokens"));
        assertEquals(write, card.getLong("cost.cache_write_tokens"));
        assertEquals(output, card.getLong("cost.output_tokens"));
        assertEquals(0, card.getLong("cost.reasoning_tokens"));
    }

    private static JsonPath scorecard() {
        return Api.admin().get("/api/teams/" + TEAM + "/scorecard?" + PERIOD).then().statusCode(200)
                .body("withheld", equalTo(false)).extract().jsonPath();
    }

    /** Sends each batch to the real exporter, twice when asked: what an exporter does when an answer is lost. */
    static final class ResendingLogExporter extends Resends implements LogRecordExporter {
        final LogRecordExporter delegate;

        ResendingLogExporter(LogRecordExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            return send(() -> delegate.export(logs));
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
}
