package dev.tokenwise.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.support.ServiceProcess;

/**
 * One source of truth per session (docs/contract.md §5.4) across restarts of the packaged service: which source a
 * session counts by is kept in the database only, so a SIGKILL between a session's metric points and its events
 * changes nothing. Two sessions of Claude Code, each in a team of its own so that every figure is the session's:
 * <ul>
 * <li>S1, metrics first: its {@code claude_code.token.usage} and {@code claude_code.cost.usage} points count (start
 * 1); after a SIGKILL its {@code claude_code.api_request} events arrive and the metric points are taken back: the
 * scorecard shows exactly the events' figures (start 2).</li>
 * <li>S2, events first: its events count (start 1); after a SIGKILL its metric points add nothing (start 2).</li>
 * </ul>
 * After another SIGKILL the exporters retry every export of both sessions (start 3): nothing changes. Metric and
 * event figures differ in every field, so each check tells which source counted. Then the service stops and the
 * database is read: no metric event of either session is left, and both sessions are marked as counted by events.
 */
class AgentSessionRestartIT {

    private static final String INGEST_TOKEN = "session-restart-ingest";
    private static final String ADMIN_TOKEN = "session-restart-admin";
    private static final String MODEL = "claude-sonnet-4-5";
    private static final String METRICS_FIRST = "metrics-first";
    private static final String EVENTS_FIRST = "events-first";
    private static final String S1 = "restart-s1-0000-4000-8000-000000000001";
    private static final String S2 = "restart-s2-0000-4000-8000-000000000002";

    /** Tokens and cost of a session as one source counts them, in the scorecard's four token fields. */
    record Figures(long input, long cached, long write, long output, String usd) {

        Figures plus(Figures o) {
            return new Figures(input + o.input, cached + o.cached, write + o.write, output + o.output,
                    new BigDecimal(usd).add(new BigDecimal(o.usd)).toPlainString());
        }
    }

    /** S1's metric points, and its two api_requests (summed: 18 / 6,100 / 300 / 215, USD 0.0331). */
    private static final Figures S1_METRICS = new Figures(1_200, 5_600, 780, 340, "0.0421");
    private static final Figures S1_REQ_A = new Figures(11, 2_000, 300, 120, "0.0123");
    private static final Figures S1_REQ_B = new Figures(7, 4_100, 0, 95, "0.0208");
    /** S2's two api_requests (summed: 14 / 2,700 / 190 / 270, USD 0.0266), and its metric points. */
    private static final Figures S2_REQ_C = new Figures(5, 900, 150, 60, "0.0077");
    private static final Figures S2_REQ_D = new Figures(9, 1_800, 40, 210, "0.0189");
    private static final Figures S2_METRICS = new Figures(3_000, 8_000, 1_000, 900, "0.0999");
    private static final Figures NONE = new Figures(0, 0, 0, 0, "0");

    private final ObjectMapper json = new ObjectMapper();
    private ServiceProcess service;
    private boolean passed;

    @BeforeEach
    void service() throws IOException {
        service = new ServiceProcess("AgentSessionRestartIT", "session-restart-", INGEST_TOKEN, ADMIN_TOKEN);
    }

    @AfterEach
    void cleanUp() throws Exception {
        service.cleanUp(passed);
    }

    @Test
    void aSessionCountsItsEventsOnlyWhicheverArrivesFirstAcrossSigkillAndRetries() throws Exception {
        Map<String, String> env = service.databaseEnv("_session_restart");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String s1Metrics = metrics(METRICS_FIRST, S1, at, S1_METRICS);
        String s1Events = logs(METRICS_FIRST, S1, at, "req_s1_a", S1_REQ_A, "req_s1_b", S1_REQ_B);
        String s2Events = logs(EVENTS_FIRST, S2, at, "req_s2_c", S2_REQ_C, "req_s2_d", S2_REQ_D);
        String s2Metrics = metrics(EVENTS_FIRST, S2, at, S2_METRICS);
        Figures s1EventFigures = S1_REQ_A.plus(S1_REQ_B);
        Figures s2EventFigures = S2_REQ_C.plus(S2_REQ_D);
        assertEquals(new Figures(18, 6_100, 300, 215, "0.0331"), s1EventFigures);
        assertEquals(new Figures(14, 2_700, 190, 270, "0.0266"), s2EventFigures);

        // 1: S1's metric points count; S2's events count. SIGKILL right after the last answer.
        service.start(env);
        team(METRICS_FIRST);
        team(EVENTS_FIRST);
        assertScorecard(METRICS_FIRST, NONE, 0);
        exported("/v1/metrics", s1Metrics);
        assertScorecard(METRICS_FIRST, S1_METRICS, 0);
        exported("/v1/logs", s2Events);
        assertScorecard(EVENTS_FIRST, s2EventFigures, 1);
        service.killNine();

        // 2: as acknowledged. S1's events arrive: its metric points are taken back. S2's metric points add nothing.
        service.start(env);
        assertScorecard(METRICS_FIRST, S1_METRICS, 0);
        assertScorecard(EVENTS_FIRST, s2EventFigures, 1);
        exported("/v1/logs", s1Events);
        assertScorecard(METRICS_FIRST, s1EventFigures, 1);
        exported("/v1/metrics", s2Metrics);
        assertScorecard(EVENTS_FIRST, s2EventFigures, 1);
        service.killNine();

        // 3: the exporters retry every export, metric points first: nothing changes.
        service.start(env);
        assertScorecard(METRICS_FIRST, s1EventFigures, 1);
        assertScorecard(EVENTS_FIRST, s2EventFigures, 1);
        exported("/v1/metrics", s1Metrics);
        exported("/v1/logs", s1Events);
        exported("/v1/metrics", s2Metrics);
        exported("/v1/logs", s2Events);
        assertScorecard(METRICS_FIRST, s1EventFigures, 1);
        assertScorecard(EVENTS_FIRST, s2EventFigures, 1);
        service.stop();

        // The stored rows: the four api_requests once each, no metric event of either session left.
        try (Connection c = service.connect(env); Statement s = c.createStatement()) {
            assertEquals(List.of("otlp-log|" + S1 + "|2", "otlp-log|" + S2 + "|2"), rows(s, "SELECT source || '|' "
                    + "|| session_id || '|' || COUNT(*) FROM usage_event GROUP BY source, session_id "
                    + "ORDER BY 1"));
            assertEquals(List.of(S1 + "|true", S2 + "|true"), rows(s, "SELECT session_id || '|' || "
                    + "CASE WHEN events THEN 'true' ELSE 'false' END FROM agent_session_source ORDER BY 1"));
        }
        passed = true;
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void team(String team) throws Exception {
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri("/api/admin/teams/" + team))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timezone\":\"UTC\",\"min_contributors\":1}")));
        assertEquals(201, r.statusCode(), r.body());
    }

    /** An OTLP JSON export, answered 200 with nothing rejected. */
    private void exported(String path, String body) throws Exception {
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri(path))
                .header("Authorization", "Bearer " + INGEST_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{}", r.body(), path);
    }

    /** The team's scorecard counts exactly {@code f}, all of it on the model, and {@code sessions} event sessions. */
    private void assertScorecard(String team, Figures f, int sessions) throws Exception {
        LocalDate day = LocalDate.ofInstant(Instant.now().minus(1, ChronoUnit.HOURS), ZoneOffset.UTC);
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri("/api/teams/" + team
                + "/scorecard?from=" + day.minusDays(2) + "&to=" + day.plusDays(2)))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode card = json.readTree(r.body());
        String where = team + " after start " + service.starts() + ": " + r.body();
        assertEquals(false, card.path("withheld").asBoolean(true), where);
        JsonNode cost = card.path("cost");
        assertEquals(0, new BigDecimal(f.usd()).compareTo(cost.path("total_usd").decimalValue()), where);
        assertEquals(f.input(), cost.path("input_tokens").asLong(-1), where);
        assertEquals(f.cached(), cost.path("cached_input_tokens").asLong(-1), where);
        assertEquals(f.write(), cost.path("cache_write_tokens").asLong(-1), where);
        assertEquals(f.output(), cost.path("output_tokens").asLong(-1), where);
        assertEquals(0, cost.path("reasoning_tokens").asLong(-1), where);
        if (f.equals(NONE)) {
            assertEquals(0, cost.path("by_model").size(), where);
        } else {
            assertEquals(1, cost.path("by_model").size(), where);
            assertEquals(0, new BigDecimal(f.usd()).compareTo(cost.path("by_model").path(MODEL).decimalValue()),
                    where);
        }
        JsonNode errors = card.path("agent_errors");
        assertEquals(0, errors.path("errors").asInt(-1), where);
        assertEquals(sessions, errors.path("sessions").asInt(-1), where);
        assertEquals(0, errors.path("sessions_with_errors").asInt(-1), where);
    }

    /**
     * Claude Code's metrics export of one session (OTLP JSON, DELTA sums over the minute before {@code at}): the
     * four token types and the cost, as its meter {@code com.anthropic.claude_code} sends them.
     */
    private static String metrics(String team, String session, Instant at, Figures f) {
        long end = nanos(at);
        long start = nanos(at.minusSeconds(60));
        String tokens = sum("claude_code.token.usage", "tokens",
                point(start, end, "\"asDouble\":" + f.input(), session, "input"),
                point(start, end, "\"asDouble\":" + f.output(), session, "output"),
                point(start, end, "\"asDouble\":" + f.cached(), session, "cacheRead"),
                point(start, end, "\"asDouble\":" + f.write(), session, "cacheCreation"));
        String cost = sum("claude_code.cost.usage", "USD", point(start, end, "\"asDouble\":" + f.usd(), session,
                null));
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + resource(team)
                + "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"com.anthropic.claude_code\",\"version\":\"2.1.226\"},"
                + "\"metrics\":[" + tokens + "," + cost + "]}]}]}";
    }

    private static String sum(String name, String unit, String... points) {
        return "{\"name\":\"" + name + "\",\"unit\":\"" + unit + "\",\"sum\":{\"aggregationTemporality\":1,"
                + "\"isMonotonic\":true,\"dataPoints\":[" + String.join(",", points) + "]}}";
    }

    private static String point(long start, long end, String value, String session, String type) {
        return "{\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + end + "\"," + value
                + ",\"attributes\":[" + attr("session.id", session) + "," + attr("user.email", "dev@example.com")
                + "," + attr("model", MODEL) + (type == null ? "" : "," + attr("type", type)) + "]}";
    }

    /** Claude Code's logs export of one session's two api_requests, 5 and 10 seconds after {@code at}. */
    private static String logs(String team, String session, Instant at, String id1, Figures r1, String id2,
            Figures r2) {
        return "{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + resource(team) + "]},\"scopeLogs\":[{\"scope\":"
                + "{\"name\":\"com.anthropic.claude_code.events\",\"version\":\"2.1.226\"},\"logRecords\":["
                + apiRequest(session, at.plusSeconds(5), id1, r1) + "," + apiRequest(session, at.plusSeconds(10), id2,
                        r2)
                + "]}]}]}";
    }

    private static String apiRequest(String session, Instant time, String requestId, Figures f) {
        long t = nanos(time);
        return "{\"timeUnixNano\":\"" + t + "\",\"observedTimeUnixNano\":\"" + t + "\",\"body\":{\"stringValue\":"
                + "\"claude_code.api_request\"},\"attributes\":[" + attr("session.id", session) + ","
                + attr("user.email", "dev@example.com") + "," + attr("event.name", "api_request") + ","
                + attr("event.timestamp", time.toString()) + "," + attr("model", MODEL) + ","
                + intAttr("input_tokens", f.input()) + "," + intAttr("output_tokens", f.output()) + ","
                + intAttr("cache_read_tokens", f.cached()) + "," + intAttr("cache_creation_tokens", f.write())
                + ",{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":" + f.usd() + "}},"
                + intAttr("duration_ms", 2_500) + "," + attr("request_id", requestId) + "]}";
    }

    private static String resource(String team) {
        return attr("service.name", "claude-code") + "," + attr("service.version", "2.1.226") + ","
                + attr("team", team) + "," + attr("workflow", "coding");
    }

    private static String attr(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
    }

    /** An int attribute as Claude Code's JSON exporter writes it: a bare number. */
    private static String intAttr(String key, long value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":" + value + "}}";
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
