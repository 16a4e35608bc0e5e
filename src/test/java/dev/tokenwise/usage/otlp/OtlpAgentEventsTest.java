package dev.tokenwise.usage.otlp;

import static dev.tokenwise.usage.otlp.OtlpLogsTest.SEC;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.T0;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.export;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.kv;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.kvList;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.post;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.postProto;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.record;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.resource;
import static dev.tokenwise.usage.otlp.OtlpLogsTest.scorecard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import dev.tokenwise.usage.UsageDb;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The other agent events of docs/contract.md §5.6: Claude Code's tool_result commits and api_error, Codex's
 * response.completed and failed api_request, Gemini CLI's api_response and api_error. No captured export of Codex
 * or Gemini CLI exists; the records follow the attribute names and value types their sources document
 * (payloads/otlp/agents/SOURCES.md: Codex records most fields with Display, so its counts arrive as strings).
 */
@QuarkusTest
class OtlpAgentEventsTest {

    /** Seeded list prices, USD per token. */
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

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void toolResultWithACommitLinksTheSessionAndKeepsNothingElse() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-commit";
        Api.team(team, "{\"min_contributors\":1}");
        String sha = "8f14E45FCEEA167A5A36DEDD4BEA2543B1C3F4D9";
        // As Claude Code sends it with OTEL_LOG_TOOL_DETAILS=1: tool_parameters is a JSON string.
        String parameters = "{\"bash_command\":\"git commit -m 'secret plan'\",\"full_command\":"
                + "\"git commit -m 'secret plan'\",\"git_commit_id\":\"" + sha + "\"}";
        LogRecord asString = record("claude_code.tool_result", T0, kv("event.name", "tool_result"),
                kv("session.id", "ev-c1"), kv("tool_name", "Bash"), kv("success", "true"), kv("duration_ms", "2"),
                kv("tool_parameters", parameters));
        // The same as a map (an SDK that keeps structured attributes), for another session and commit.
        LogRecord asMap = record("claude_code.tool_result", T0 + SEC, kv("event.name", "tool_result"),
                kv("session.id", "ev-c2"), kv("tool_name", "Bash"),
                kvList("tool_parameters", kv("bash_command", "git commit"), kv("git_commit_id", "abc1234")));
        // No commit, a malformed id, and no session: nothing to link.
        LogRecord read = record("claude_code.tool_result", T0, kv("event.name", "tool_result"),
                kv("session.id", "ev-c1"), kv("tool_name", "Read"), kv("tool_parameters", "{\"file_path\":\"/x\"}"));
        LogRecord bad = record("claude_code.tool_result", T0, kv("event.name", "tool_result"),
                kv("session.id", "ev-c1"), kv("tool_parameters", "{\"git_commit_id\":\"not-a-sha\"}"));
        LogRecord noSession = record("claude_code.tool_result", T0, kv("event.name", "tool_result"),
                kv("tool_parameters", "{\"git_commit_id\":\"1234567\"}"));
        ExportLogsServiceRequest req = export("com.anthropic.claude_code.events", resource(team), asString, asMap,
                read, bad, noSession);
        postProto(req.toByteArray(), null);
        postProto(req.toByteArray(), null); // retried: one row per commit
        assertEquals(2, db.count("SELECT COUNT(*) FROM session_commit WHERE team_id = ?", team));
        assertEquals(sha.toLowerCase(), db.string("SELECT commit_sha FROM session_commit WHERE session_id = 'ev-c1'"));
        assertEquals("abc1234", db.string("SELECT commit_sha FROM session_commit WHERE session_id = 'ev-c2'"));
        assertEquals("claude-code", db.string("SELECT tool FROM session_commit WHERE session_id = 'ev-c1'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM session_commit WHERE commit_sha = '1234567'"));
        // Tool results are not usage.
        assertEquals(0, db.events(team));
    }

    @Test
    void apiErrorsAreCountedByClassWithTheShareOfSessionsThatSawOne() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-errors";
        Api.team(team, "{\"min_contributors\":1}");
        ExportLogsServiceRequest claude = export("com.anthropic.claude_code.events", resource(team),
                OtlpLogsTest.apiRequest("er-1", "er-1-r1", T0, 10, 1, 0, 0, 0.01),
                OtlpLogsTest.apiRequest("er-2", "er-2-r1", T0, 10, 1, 0, 0, 0.01),
                OtlpLogsTest.apiRequest("er-3", "er-3-r1", T0, 10, 1, 0, 0, 0.01),
                OtlpLogsTest.apiRequest("er-4", "er-4-r1", T0, 10, 1, 0, 0, 0.01),
                claudeError("er-1", T0 + SEC, "429", "Rate limited"),
                claudeError("er-1", T0 + 2 * SEC, "529", "Overloaded"),
                // Claude Code sends "undefined" when the request failed before any answer: classified by its words.
                claudeError("er-2", T0 + SEC, "undefined", "Request timed out"),
                claudeError("er-2", T0 + 2 * SEC, "undefined", "API Error: Overloaded"),
                claudeError("er-3", T0 + SEC, "401", "invalid x-api-key"),
                claudeError("er-3", T0 + 2 * SEC, "500", "Internal server error"),
                claudeError("er-3", T0 + 3 * SEC, "400", "prompt is too long"));
        postProto(claude.toByteArray(), null);
        postProto(claude.toByteArray(), null); // retried: counted once
        // Codex: api_request with the HTTP status; a success is no error.
        postProto(export("codex", List.of(kv("service.name", "codex_cli_rs"), kv("team", team)),
                codexRecord("codex.api_request", "cx-e1", T0, kv("http.response.status_code", 429L),
                        kv("error.message", "Too Many Requests")),
                codexRecord("codex.api_request", "cx-e1", T0 + SEC, kv("http.response.status_code", 200L)),
                codexRecord("codex.api_request", "cx-e2", T0 + SEC, kv("http.response.status_code", 200L)))
                .toByteArray(), null);
        JsonPath card = scorecard(team);
        assertEquals(Map.of("rate_limit", 2, "overloaded", 2, "auth", 1, "server", 1, "client", 1, "other", 1),
                card.getMap("agent_errors.by_class"));
        assertEquals(8, card.getInt("agent_errors.errors"));
        // Sessions that sent events: er-1..er-4 (claude-code) and cx-e1, cx-e2 (codex); with an error: er-1, er-2,
        // er-3 and cx-e1.
        assertEquals(6, card.getInt("agent_errors.sessions"));
        assertEquals(4, card.getInt("agent_errors.sessions_with_errors"));
        assertEquals(0.6667, card.getDouble("agent_errors.sessions_with_errors_share"));
        assertEquals(7, card.getInt("agent_errors.by_tool.claude-code.errors"));
        assertEquals(4, card.getInt("agent_errors.by_tool.claude-code.sessions"));
        assertEquals(3, card.getInt("agent_errors.by_tool.claude-code.sessions_with_errors"));
        assertEquals(0.75, card.getDouble("agent_errors.by_tool.claude-code.sessions_with_errors_share"));
        assertEquals(Map.of("rate_limit", 1, "overloaded", 0, "auth", 0, "server", 0, "client", 0, "other", 0),
                card.getMap("agent_errors.by_tool.codex.by_class"));
        assertEquals(2, card.getInt("agent_errors.by_tool.codex.sessions"));
        assertEquals(0.5, card.getDouble("agent_errors.by_tool.codex.sessions_with_errors_share"));
        // Only the class is stored: no message column exists, and the status as sent.
        for (int status : new int[] { 400, 401, 429, 500, 529 }) {
            assertEquals(1, db.count("SELECT COUNT(*) FROM agent_error WHERE team_id = ? AND tool = 'claude-code' "
                    + "AND status_code = ?", team, status), "status " + status);
        }
        assertEquals(2, db.count("SELECT COUNT(*) FROM agent_error WHERE team_id = ? AND status_code IS NULL", team));
    }

    @Test
    void aToolFewerThanMinContributorsPeopleUsedGetsNoLineOfItsOwn() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-private";
        Api.team(team, "{\"min_contributors\":3}");
        // Three people on Claude Code, one of them also on Codex.
        LogRecord[] claude = new LogRecord[4];
        for (int i = 0; i < 3; i++) {
            claude[i] = record("claude_code.api_request", T0, kv("event.name", "api_request"),
                    kv("session.id", "pv-" + i), kv("user.email", "dev" + i + "@example.com"),
                    kv("request_id", "pv-r" + i), kv("model", "claude-sonnet-4-5"), kv("input_tokens", 10L),
                    kv("cost_usd", 0.01));
        }
        claude[3] = claudeError("pv-0", T0 + SEC, "429", "Rate limited");
        postProto(export("com.anthropic.claude_code.events", resource(team), claude).toByteArray(), null);
        postProto(export("codex", List.of(kv("service.name", "codex_cli_rs"), kv("team", team)),
                codexRecord("codex.api_request", "pv-cx", T0, kv("http.response.status_code", 500L)))
                .toByteArray(), null);
        JsonPath card = scorecard(team);
        // The team's figures count both tools.
        assertEquals(2, card.getInt("agent_errors.errors"));
        assertEquals(4, card.getInt("agent_errors.sessions"));
        assertEquals(1, card.getInt("agent_errors.by_class.server"));
        // Claude Code (three people) has its line; Codex (one person) has none.
        assertEquals(Map.of("claude-code", Map.of("errors", 1, "by_class", Map.of("rate_limit", 1, "overloaded", 0,
                "auth", 0, "server", 0, "client", 0, "other", 0), "sessions", 3, "sessions_with_errors", 1,
                "sessions_with_errors_share", 0.3333f)), card.getMap("agent_errors.by_tool"));
    }

    @Test
    void spikesAndTheDigestSayHowTheAgentsFared() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-slack";
        Api.team(team, "{\"min_contributors\":1,\"channel\":\"C0EVSLACK\"}");
        postProto(export("com.anthropic.claude_code.events", resource(team),
                OtlpLogsTest.apiRequest("sl-1", "sl-1-r1", T0, 10, 1, 0, 0, 0.5),
                OtlpLogsTest.apiRequest("sl-2", "sl-2-r1", T0, 10, 1, 0, 0, 0.5),
                claudeError("sl-1", T0 + SEC, "429", "Rate limited"),
                claudeError("sl-1", T0 + 2 * SEC, "429", "Rate limited"),
                claudeError("sl-1", T0 + 3 * SEC, "529", "Overloaded")).toByteArray(), null);
        String line = "Agent errors: 3 (rate limit 2, overloaded 1) · 1 of 2 agent sessions (50 %) saw at least one";
        String spikes = command("spikes " + team);
        assertTrue(spikes.endsWith("*Agent reliability* — last 7 days\n" + line), spikes);
        String digest = command("digest " + team);
        assertTrue(digest.contains("*Sustainability*\n• Incidents outside working hours: 0\n• Workflow reruns: n/a\n• "
                + line + "\n"), digest);
    }

    private String command(String text) {
        String body = SlackRequests.slashCommandBody(text, "C0ELSEWHERE", "U0EVENTS", "http://127.0.0.1:9/hooks/x");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath().getString("text");
    }

    @Test
    void codexResponseCompletedIsUsageWithCachedInputTakenOutOfInputAndOtherKindsIgnored() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-codex";
        Api.team(team, "{\"min_contributors\":1}");
        // Codex records its counts with Display (strings); cached and reasoning as integers.
        String body = JsonFormat.printer().print(export("codex", List.of(kv("service.name", "codex_cli_rs"),
                kv("team", team), kv("workflow", "testing")),
                codexRecord("codex.sse_event", "cx-u1", T0, kv("event.kind", "response.completed"),
                        kv("input_token_count", "10000"), kv("cached_token_count", 6_000L),
                        kv("output_token_count", "2000"), kv("reasoning_token_count", 800L),
                        kv("tool_token_count", "0")),
                codexRecord("codex.sse_event", "cx-u1", T0 + SEC, kv("event.kind", "response.output_item.done")),
                codexRecord("codex.sse_event", "cx-u1", T0 + 2 * SEC, kv("event.kind", "response.completed"),
                        kv("input_token_count", "500"), kv("output_token_count", "50"))));
        post(body);
        post(body); // retried: the records are their own keys
        assertEquals(2, db.events(team));
        String sql = "SELECT SUM(%s) FROM usage_hourly WHERE team_id = ?";
        assertEquals(4_500, db.count(sql.formatted("input_tokens"), team));
        assertEquals(6_000, db.count(sql.formatted("cached_input_tokens"), team));
        assertEquals(2_050, db.count(sql.formatted("output_tokens"), team));
        assertEquals(800, db.count(sql.formatted("reasoning_tokens"), team));
        double cost = 4_500 * GPT5_IN + 6_000 * GPT5_CACHED + 2_050 * GPT5_OUT;
        assertEquals(cost, db.sum(sql.formatted("cost_usd"), team), 1e-12);
        assertEquals("codex", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals("testing", db.string("SELECT MIN(workflow) FROM usage_hourly WHERE team_id = ?", team));
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_event WHERE session_id = 'cx-u1'"));
    }

    @Test
    void geminiApiResponseMapsCachedThoughtsAndToolTokensAndItsErrorsCount() throws Exception {
        clock.set(OtlpLogsTest.NOW);
        String team = "ev-gemini";
        Api.team(team, "{\"min_contributors\":1}");
        // Gemini CLI puts session.id on the resource.
        List<KeyValue> resource = List.of(kv("service.name", "gemini-cli"), kv("service.version", "v22.3.0"),
                kv("session.id", "gm-e1"), kv("team", team), kv("workflow", "docs"));
        postProto(export("gemini-cli", resource,
                record(null, T0, kv("event.name", "gemini_cli.api_response"), kv("model", "gemini-2.5-pro"),
                        kv("status_code", 200L), kv("input_token_count", 1_000L),
                        kv("cached_content_token_count", 400L), kv("output_token_count", 300L),
                        kv("thoughts_token_count", 120L), kv("tool_token_count", 50L),
                        kv("total_token_count", 1_470L), kv("prompt_id", "p1"),
                        kv("response_text", "never stored")),
                record(null, T0 + SEC, kv("event.name", "gemini_cli.api_error"), kv("model", "gemini-2.5-pro"),
                        kv("status_code", 503L), kv("error_type", "UNAVAILABLE"), kv("error", "overloaded")))
                .toByteArray(), null);
        String sql = "SELECT SUM(%s) FROM usage_hourly WHERE team_id = ?";
        assertEquals(650, db.count(sql.formatted("input_tokens"), team));
        assertEquals(400, db.count(sql.formatted("cached_input_tokens"), team));
        assertEquals(420, db.count(sql.formatted("output_tokens"), team));
        assertEquals(120, db.count(sql.formatted("reasoning_tokens"), team));
        assertEquals(650 * GEMINI_IN + 400 * GEMINI_CACHED + 420 * GEMINI_OUT, db.sum(sql.formatted("cost_usd"), team),
                1e-12);
        assertEquals("gemini-cli", db.string("SELECT MIN(tool) FROM usage_hourly WHERE team_id = ?", team));
        JsonPath card = scorecard(team);
        assertEquals(1, card.getInt("agent_errors.by_class.overloaded"));
        assertEquals(1, card.getInt("agent_errors.sessions"));
        assertEquals(1.0, card.getDouble("agent_errors.sessions_with_errors_share"));
    }

    private static LogRecord claudeError(String session, long time, String status, String error) {
        return record("claude_code.api_error", time, kv("event.name", "api_error"), kv("session.id", session),
                kv("user.email", "dev@example.com"), kv("model", "claude-sonnet-4-5"), kv("status_code", status),
                kv("error", error), kv("attempt", 1L), kv("duration_ms", 30L));
    }

    /** A Codex record: the event name as an attribute, and the attributes Codex puts on every event. */
    private static LogRecord codexRecord(String name, String conversation, long time, KeyValue... own) {
        KeyValue[] common = { kv("event.name", name), kv("conversation.id", conversation),
                kv("app.version", "0.153.4"), kv("auth_mode", "chatgpt"), kv("originator", "codex_cli_rs"),
                kv("user.account_id", "acct-1"), kv("user.email", "dev@example.com"), kv("terminal.type", "xterm"),
                kv("model", "gpt-5"), kv("slug", "gpt-5"), kv("event.timestamp", "2026-08-11T00:20:00Z") };
        KeyValue[] all = new KeyValue[common.length + own.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(own, 0, all, common.length, own.length);
        return record(null, time, all);
    }
}
