package dev.tokenwise.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.common.http.HttpLimits;
import dev.tokenwise.github.GitHubSignature;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile input to the ingest endpoints, and the HTTP-level limits (body size sized or chunked, URL length) of every
 * endpoint family, as one table. Each refused case asserts the exact status, {@code application/problem+json}, the
 * field named, and that nothing of the request was stored (raw events, every rollup, OTLP series, teams, GitHub
 * deliveries, audit and outbox rows, counted in the real database before and after). Each valid-but-odd case
 * (values exactly at a limit, a chunked body) asserts what was stored.
 * <p>
 * OTLP answers as its specification says instead of with problem documents: an invalid data point is rejected
 * through {@code partial_success} (200, the reason names the attribute or field), a body that cannot be parsed is a
 * 400 with a {@code google.rpc.Status}.
 * <p>
 * Requests go through {@link HttpClient} over HTTP/1.1, which sends a body of unknown length chunked (no
 * Content-Length), as hostile or streaming clients do.
 */
@QuarkusTest
class HostileIngestInputTest {

    static final String NOW = "2026-03-02T12:00:00Z";
    static final String AT = "2026-03-02T10:15:00Z";
    static final long TERA = 1_000_000_000_000L;
    static final long SEC = 1_000_000_000L;
    static final long T0 = nanos("2026-03-02T11:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NUL = "\u0000";
    static final String PROBLEM = "application/problem+json";

    /** 64 KiB over the body limit: refused whether sent sized or chunked. */
    static final byte[] OVERSIZED = filled((int) HttpLimits.MAX_BODY + 64 * 1024);

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void reset() {
        clock.reset();
    }

    // ---------------------------------------------------------------------------------------------------- the table

    /** What is sent; {@code chunked}: the body goes without Content-Length. {@code clock}: the service's now. */
    record Req(String method, String path, Map<String, String> headers, byte[] body, boolean chunked, String clock) {

        Req sentChunked() {
            return new Req(method, path, headers, body, true, clock);
        }

        Req at(String now) {
            return new Req(method, path, headers, body, chunked, now);
        }
    }

    sealed interface Expect {
    }

    /**
     * A problem document with this status, naming {@code field} at {@code index} (an ingest item's position, 0 for
     * a single object; null for errors of no item, such as a path parameter). With neither, {@code text} is in the
     * detail, else in the error's message; {@code detail}, when not null, is in the detail too. Nothing stored.
     */
    record Refused(int status, Integer index, String field, String text, String detail) implements Expect {

        Refused(int status, Integer index, String field, String text) {
            this(status, index, field, text, null);
        }
    }

    /** OTLP: 200 with {@code rejected} data points in partial_success, its message containing {@code text}. */
    record OtlpRejected(int rejected, String text) implements Expect {
    }

    /** OTLP: 400 with a JSON google.rpc.Status (code 3, INVALID_ARGUMENT) whose message contains {@code text}. */
    record OtlpInvalid(String text) implements Expect {
    }

    /**
     * Accepted: this status, {@code events} new raw usage events, and {@code sql} (one value), when not null,
     * answering {@code expected}; {@code body}, when not null, is in the answer.
     */
    record Stored(int status, long events, String sql, String expected, String body) implements Expect {
    }

    record Case(String name, Req req, Expect expect) {
    }

    @TestFactory
    Stream<DynamicTest> hostileInput() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(usageCases());
        cases.addAll(liteLlmCases());
        cases.addAll(otlpCases());
        cases.addAll(httpLimitCases());
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    // ---------------------------------------------------------------------------------------- POST /ingest/usage

    static List<Case> usageCases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("usage: input_tokens 2^63-1 is 400, not a 503 from an overflowing sum",
                usage(raw(event("u-maxlong"), "input_tokens", "9223372036854775807")),
                new Refused(400, 0, "input_tokens", "at most 1000000000000")));
        c.add(new Case("usage: two events of 2^63-1 tokens in one team-hour name both",
                usage("[" + raw(event("u-two-1"), "input_tokens", "9223372036854775807") + ","
                        + raw(event("u-two-2"), "input_tokens", "9223372036854775807") + "]"),
                new Refused(400, 1, "input_tokens", "at most 1000000000000", "2 of 2 event(s) are invalid")));
        c.add(new Case("usage: output_tokens 10^12 + 1",
                usage(event("u-tera1").put("output_tokens", TERA + 1).put("reasoning_tokens", 0).toString()),
                new Refused(400, 0, "output_tokens", "at most 1000000000000")));
        c.add(new Case("usage: cached_input_tokens beyond a long",
                usage(raw(event("u-bigint"), "cached_input_tokens", "100000000000000000000000000000")),
                new Refused(400, 0, "cached_input_tokens", "at most 1000000000000")));
        c.add(new Case("usage: cache_write_tokens 1e400 is not an integer",
                usage(raw(event("u-inf-tokens"), "cache_write_tokens", "1e400")),
                new Refused(400, 0, "cache_write_tokens", "must be an integer")));
        c.add(new Case("usage: cost_usd 1e308 would break the team's figures",
                usage(raw(event("u-cost308"), "cost_usd", "1e308")),
                new Refused(400, 0, "cost_usd", "at most 1000000")));
        c.add(new Case("usage: cost_usd 1e400 (Infinity)",
                usage(raw(event("u-cost400"), "cost_usd", "1e400")),
                new Refused(400, 0, "cost_usd", "at most 1000000")));
        c.add(new Case("usage: cost_usd just over 10^6",
                usage(event("u-cost-over").put("cost_usd", 1_000_000.01).toString()),
                new Refused(400, 0, "cost_usd", "at most 1000000")));
        c.add(new Case("usage: pull_request beyond an INTEGER column",
                usage(raw(event("u-pr"), "pull_request", "2147483648")),
                new Refused(400, 0, "pull_request", "2147483647")));
        c.add(new Case("usage: NUL in model",
                usage(event("u-nul-model").put("model", "claude" + NUL + "sonnet").toString()),
                new Refused(400, 0, "model", "NUL")));
        c.add(new Case("usage: NUL in session_id",
                usage(event("u-nul-session").put("session_id", "s" + NUL).toString()),
                new Refused(400, 0, "session_id", "NUL")));
        c.add(new Case("usage: NUL in id",
                usage(event("u-nul-id" + NUL).toString()),
                new Refused(400, 0, "id", "NUL")));
        c.add(new Case("usage: NUL in tool",
                usage(event("u-nul-tool").put("tool", "claude" + NUL).toString()),
                new Refused(400, 0, "tool", "NUL")));
        c.add(new Case("usage: model of 201 characters",
                usage(event("u-long-model").put("model", "m".repeat(201)).toString()),
                new Refused(400, 0, "model", "at most 200 characters")));
        c.add(new Case("usage: model of 200 characters that lengthen in lower case",
                usage(event("u-lower-model").put("model", "\u0130".repeat(200)).toString()),
                new Refused(400, 0, "model", "once in lower case")));
        c.add(new Case("usage: session_id of 201 characters",
                usage(event("u-long-session").put("session_id", "s".repeat(201)).toString()),
                new Refused(400, 0, "session_id", "at most 200 characters")));
        c.add(new Case("usage: team of 65 characters",
                usage(event("u-long-team").put("team", "t".repeat(65)).toString()),
                new Refused(400, 0, "team", "at most 64 characters")));
        c.add(new Case("usage: repo of 201 characters",
                usage(event("u-long-repo").put("repo", "o".repeat(100) + "/" + "r".repeat(100)).toString()),
                new Refused(400, 0, "repo", "at most 200 characters")));
        c.add(new Case("usage: tool of 65 characters",
                usage(event("u-long-tool").put("tool", "x".repeat(65)).toString()),
                new Refused(400, 0, "tool", "at most 64 characters")));
        c.add(new Case("usage: id of 201 characters",
                usage(event("i".repeat(201)).toString()),
                new Refused(400, 0, "id", "at most 200 characters")));
        c.add(new Case("usage: timestamp in year -5000",
                usage(event("u-bc").put("timestamp", "-5000-01-01T00:00:00Z").toString()),
                new Refused(400, 0, "timestamp", "between 2000-01-01")));
        c.add(new Case("usage: timestamp in year +10000",
                usage(event("u-10k").put("timestamp", "+10000-01-01T00:00:00Z").toString()),
                new Refused(400, 0, "timestamp", "between 2000-01-01")));
        c.add(new Case("usage: timestamp a second before 2000",
                usage(event("u-1999").put("timestamp", "1999-12-31T23:59:59Z").toString()),
                new Refused(400, 0, "timestamp", "between 2000-01-01")));
        c.add(new Case("usage: timestamp 2101-01-01 although within 5 minutes of the clock",
                usage(event("u-2101").put("timestamp", "2101-01-01T00:00:00Z").toString())
                        .at("2100-12-31T23:58:00Z"),
                new Refused(400, 0, "timestamp", "between 2000-01-01")));
        c.add(new Case("usage: a bad item rejects the whole batch",
                usage("[" + event("u-batch-ok") + "," + event("u-batch-bad").put("model", "m" + NUL) + "]"),
                new Refused(400, 1, "model", "NUL", "1 of 2 event(s) are invalid; nothing was stored")));
        c.add(new Case("usage: a JSON array followed by }}",
                usage("[" + event("u-trailing") + "]}}"),
                new Refused(400, null, null, "content after its JSON value")));
        c.add(new Case("usage: two NDJSON lines sent as application/json",
                usage(event("u-nd-as-json-1") + "\n" + event("u-nd-as-json-2") + "\n"),
                new Refused(400, null, null, "content after its JSON value")));
        c.add(new Case("usage: an NDJSON line holding two values",
                ingest("/ingest/usage", "application/x-ndjson",
                        event("u-nd-two-1") + " " + event("u-nd-two-2") + "\n" + event("u-nd-two-3") + "\n"),
                new Refused(400, 0, null, "content after the value")));

        c.add(new Case("usage: exactly 10^12 tokens of every kind is stored",
                usage(event("u-ok-tera").put("model", "hi-unpriced-model").put("input_tokens", TERA)
                        .put("cached_input_tokens", TERA).put("cache_write_tokens", TERA).put("output_tokens", TERA)
                        .put("reasoning_tokens", TERA).toString()),
                new Stored(202, 1, "SELECT input_tokens + cached_input_tokens + cache_write_tokens + output_tokens "
                        + "+ reasoning_tokens FROM usage_event WHERE event_key = 'usage:u-ok-tera'",
                        Long.toString(5 * TERA), null)));
        c.add(new Case("usage: cost_usd exactly 10^6 is stored",
                usage(event("u-ok-million").put("cost_usd", 1_000_000).toString()),
                new Stored(202, 1, "SELECT COUNT(*) FROM usage_event WHERE event_key = 'usage:u-ok-million' AND "
                        + "cost_usd = 1000000", "1", null)));
        c.add(new Case("usage: timestamp 2000-01-01T00:00:00Z is stored",
                usage(event("u-ok-2000").put("timestamp", "2000-01-01T00:00:00Z").toString()),
                new Stored(202, 1, "SELECT COUNT(*) FROM usage_hourly WHERE team_id = 'hi-u-ok-2000' AND "
                        + "bucket_start = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'", "1", null)));
        c.add(new Case("usage: timestamp 2100-12-31T23:59:59Z is stored",
                usage(event("u-ok-2100").put("timestamp", "2100-12-31T23:59:59Z").toString())
                        .at("2100-12-31T23:58:00Z"),
                new Stored(202, 1, "SELECT COUNT(*) FROM usage_hourly WHERE team_id = 'hi-u-ok-2100' AND "
                        + "bucket_start = TIMESTAMP WITH TIME ZONE '2100-12-31 23:00:00+00'", "1", null)));
        ObjectNode longest = event("i".repeat(191) + "-u-ok-max");
        longest.put("team", "hi-" + "t".repeat(61)).put("repo", "o".repeat(100) + "/" + "r".repeat(99))
                .put("tool", "x".repeat(64)).put("model", "m".repeat(200)).put("session_id", "s".repeat(200));
        c.add(new Case("usage: every string at its maximum length is stored",
                usage(longest.toString()),
                new Stored(202, 1, "SELECT LENGTH(event_key) + LENGTH(team_id) + LENGTH(repo) + LENGTH(tool) "
                        + "+ LENGTH(model) + LENGTH(session_id) FROM usage_event WHERE team_id = 'hi-"
                        + "t".repeat(61) + "'", Integer.toString(206 + 64 + 200 + 64 + 200 + 200), null)));
        return c;
    }

    // --------------------------------------------------------------------------------------- POST /ingest/litellm

    static List<Case> liteLlmCases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("litellm: startTime 1e400",
                liteLlm(raw(litellm("l-inf"), "startTime", "1e400")),
                new Refused(400, 0, "startTime", "between 2000-01-01")));
        c.add(new Case("litellm: startTime -1e17",
                liteLlm(raw(litellm("l-neg"), "startTime", "-1e17")),
                new Refused(400, 0, "startTime", "between 2000-01-01")));
        c.add(new Case("litellm: startTime in milliseconds (year 55000)",
                liteLlm(raw(litellm("l-millis"), "startTime", "1740000000000")),
                new Refused(400, 0, "startTime", "between 2000-01-01")));
        ObjectNode endOnly = litellm("l-1999");
        endOnly.remove("startTime");
        endOnly.put("endTime", "1999-12-31 23:59:59");
        c.add(new Case("litellm: endTime before 2000 is named as endTime",
                liteLlm(endOnly.toString()), new Refused(400, 0, "endTime", "between 2000-01-01")));
        c.add(new Case("litellm: response_cost 1e308",
                liteLlm(raw(litellm("l-cost"), "response_cost", "1e308")),
                new Refused(400, 0, "response_cost", "at most 1000000")));
        ObjectNode breakdown = litellm("l-breakdown");
        breakdown.putNull("response_cost");
        breakdown.putObject("cost_breakdown").put("total_cost", 1e308);
        c.add(new Case("litellm: cost_breakdown.total_cost 1e308",
                liteLlm(breakdown.toString()), new Refused(400, 0, "cost_breakdown.total_cost", "at most 1000000")));
        ObjectNode parts = litellm("l-parts");
        parts.putNull("response_cost");
        parts.putObject("cost_breakdown").put("input_cost", 1e308).put("output_cost", 1e308);
        c.add(new Case("litellm: cost_breakdown parts that add up to Infinity",
                liteLlm(parts.toString()), new Refused(400, 0, "cost_breakdown.input_cost", "at most 1000000")));
        c.add(new Case("litellm: prompt_tokens 2^63-1",
                liteLlm(raw(litellm("l-tokens"), "prompt_tokens", "9223372036854775807")),
                new Refused(400, 0, "prompt_tokens", "at most 1000000000000")));
        ObjectNode cached = litellm("l-cached");
        ((ObjectNode) cached.get("response").get("usage")).putObject("prompt_tokens_details")
                .put("cached_tokens", TERA * 10);
        c.add(new Case("litellm: cached tokens in the usage object over 10^12",
                liteLlm(cached.toString()),
                new Refused(400, 0, "response.usage.prompt_tokens_details.cached_tokens", "at most")));
        c.add(new Case("litellm: NUL in model",
                liteLlm(litellm("l-nul-model").put("model", "gpt" + NUL).toString()),
                new Refused(400, 0, "model", "NUL")));
        c.add(new Case("litellm: NUL in id",
                liteLlm(litellm("l-nul-id" + NUL).toString()), new Refused(400, 0, "id", "NUL")));
        c.add(new Case("litellm: NUL in trace_id (the session)",
                liteLlm(litellm("l-nul-trace").put("trace_id", "t" + NUL).toString()),
                new Refused(400, 0, "trace_id", "NUL")));
        c.add(new Case("litellm: trace_id of 201 characters",
                liteLlm(litellm("l-long-trace").put("trace_id", "t".repeat(201)).toString()),
                new Refused(400, 0, "trace_id", "at most 200 characters")));
        ObjectNode tool = litellm("l-nul-tool");
        tool.putArray("request_tags").add("tool:cli" + NUL);
        c.add(new Case("litellm: NUL in a tool tag",
                liteLlm(tool.toString()), new Refused(400, 0, "request_tags", "NUL")));
        c.add(new Case("litellm: a JSON array followed by }}",
                liteLlm("[" + litellm("l-trailing") + "]}}"),
                new Refused(400, 0, null, "content after the value")));

        c.add(new Case("litellm: startTime 946684800 (2000-01-01) in epoch seconds is stored",
                liteLlm(raw(litellm("l-ok-2000"), "startTime", "946684800")),
                new Stored(202, 1, "SELECT COUNT(*) FROM usage_event WHERE event_key = 'litellm:l-ok-2000' AND "
                        + "occurred_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'", "1", null)));
        c.add(new Case("litellm: its ndjson log format labelled application/json stores every line",
                liteLlm(litellm("l-ok-nd-1") + "\n" + litellm("l-ok-nd-2") + "\n"),
                new Stored(202, 2, "SELECT COUNT(*) FROM usage_event WHERE event_key LIKE 'litellm:l-ok-nd-%'", "2",
                        null)));
        return c;
    }

    // ---------------------------------------------------------------------------------------------- POST /v1/metrics

    static List<Case> otlpCases() {
        List<Case> c = new ArrayList<>();
        String model = attr("model", "claude-sonnet-4-5");
        String input = attr("type", "input");
        c.add(new Case("otlp: a token point over 10^12",
                otlp(export("o-tokens", "claude_code.token.usage",
                        point(T0, T0 + SEC, "\"asDouble\":1e13", input, model))),
                new OtlpRejected(1, "at most 1000000000000")));
        c.add(new Case("otlp: a cumulative token point of 2^63-1",
                otlp(export("o-maxlong", "claude_code.token.usage", 2,
                        point(T0, T0 + SEC, "\"asInt\":\"9223372036854775807\"", input, model))),
                new OtlpRejected(1, "at most 1000000000000")));
        c.add(new Case("otlp: a cost point over 10^6 USD",
                otlp(export("o-cost", "claude_code.cost.usage", point(T0, T0 + SEC, "\"asDouble\":1e7", model))),
                new OtlpRejected(1, "at most 1000000")));
        c.add(new Case("otlp: a value of Infinity",
                otlp(export("o-inf", "claude_code.token.usage",
                        point(T0, T0 + SEC, "\"asDouble\":\"Infinity\"", input, model))),
                new OtlpRejected(1, "value must be a number")));
        long y1999 = nanos("1999-12-31T23:59:59Z");
        c.add(new Case("otlp: a point in 1999",
                otlp(export("o-1999", "claude_code.token.usage", point(y1999 - SEC, y1999, "\"asDouble\":5", input,
                        model))),
                new OtlpRejected(1, "time_unix_nano must be between 2000-01-01")));
        long y2101 = nanos("2101-01-01T00:00:00Z");
        c.add(new Case("otlp: a point in 2101 although within 5 minutes of the clock",
                otlp(export("o-2101", "claude_code.token.usage", point(y2101 - SEC, y2101, "\"asDouble\":5", input,
                        model))).at("2100-12-31T23:58:00Z"),
                new OtlpRejected(1, "time_unix_nano must be between 2000-01-01")));
        c.add(new Case("otlp: NUL in the model attribute",
                otlp(export("o-nul-model", "claude_code.token.usage", point(T0, T0 + SEC, "\"asDouble\":5", input,
                        attr("model", "claude\\u0000")))),
                new OtlpRejected(1, "attribute model must not contain a NUL")));
        c.add(new Case("otlp: NUL in session.id",
                otlp(export("o-nul-session", "claude_code.token.usage", point(T0, T0 + SEC, "\"asDouble\":5", input,
                        model, attr("session.id", "s\\u0000")))),
                new OtlpRejected(1, "attribute session.id must not contain a NUL")));
        c.add(new Case("otlp: NUL in service.name (the tool)",
                otlp(export("o-nul-service", "claude_code.token.usage", point(T0, T0 + SEC, "\"asDouble\":5",
                        input, model, attr("service.name", "claude-code\\u0000")))),
                new OtlpRejected(1, "attribute service.name must not contain a NUL")));
        c.add(new Case("otlp: a model attribute of 201 characters",
                otlp(export("o-long-model", "claude_code.token.usage", point(T0, T0 + SEC, "\"asDouble\":5", input,
                        attr("model", "m".repeat(201))))),
                new OtlpRejected(1, "attribute model must have at most 200 characters")));
        c.add(new Case("otlp: one bad point of two: the good one is stored, the bad one rejected",
                otlp(export("o-mixed", "claude_code.token.usage",
                        point(T0, T0 + SEC, "\"asDouble\":5", input, model),
                        point(T0, T0 + SEC, "\"asDouble\":1e13", attr("type", "output"), model))),
                new Stored(200, 1, "SELECT input_tokens FROM usage_event WHERE team_id = 'hi-o-mixed'", "5",
                        "\"rejectedDataPoints\":\"1\"")));
        c.add(new Case("otlp: a JSON export followed by }}",
                otlp(export("o-trailing", "claude_code.token.usage",
                        point(T0, T0 + SEC, "\"asDouble\":5", input, model)) + "}}"),
                new OtlpInvalid("content after its JSON value")));
        c.add(new Case("otlp: a token point of exactly 10^12 is stored",
                otlp(export("o-ok-tera", "claude_code.token.usage",
                        point(T0, T0 + SEC, "\"asDouble\":1e12", input, model))),
                new Stored(200, 1, "SELECT input_tokens FROM usage_event WHERE team_id = 'hi-o-ok-tera'",
                        Long.toString(TERA), "{}")));
        long y2000 = nanos("2000-01-01T00:00:00Z");
        c.add(new Case("otlp: a point at 2000-01-01T00:00:00Z is stored",
                otlp(export("o-ok-2000", "claude_code.token.usage",
                        point(y2000 - SEC, y2000, "\"asDouble\":7", input, model))),
                new Stored(200, 1, "SELECT COUNT(*) FROM usage_event WHERE team_id = 'hi-o-ok-2000' AND "
                        + "occurred_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'", "1", "{}")));
        return c;
    }

    // ------------------------------------------------------------------------- HTTP limits of every endpoint family

    static List<Case> httpLimitCases() {
        List<Case> c = new ArrayList<>();
        Refused tooLarge = new Refused(413, null, null, "larger than 10 MB");
        Refused uriTooLong = new Refused(414, null, null, "longer than 16384 characters");
        String pad = "?pad=" + "p".repeat(HttpLimits.MAX_URI);
        String longTeam = "t".repeat(10 * 1024);

        c.add(new Case("413 chunked: POST /ingest/usage",
                new Req("POST", "/ingest/usage", ingestHeaders("application/json"), OVERSIZED, true, NOW), tooLarge));
        c.add(new Case("413 chunked: POST /ingest/litellm",
                new Req("POST", "/ingest/litellm", ingestHeaders("application/json"), OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: POST /v1/metrics",
                new Req("POST", "/v1/metrics", ingestHeaders("application/x-protobuf"), OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: POST /v1/logs",
                new Req("POST", "/v1/logs", ingestHeaders("application/x-protobuf"), OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: POST /webhooks/github",
                new Req("POST", "/webhooks/github", gitHubHeaders("hi-gh-chunked-413", OVERSIZED), OVERSIZED,
                        true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: POST /slack/events",
                new Req("POST", "/slack/events", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: PUT /api/admin/teams/{team}",
                new Req("PUT", "/api/admin/teams/hi-chunked-413", adminHeaders(), OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: PUT /api/admin/prices/{model}",
                new Req("PUT", "/api/admin/prices/hi-chunked-413", adminHeaders(), OVERSIZED, true, NOW),
                tooLarge));
        c.add(new Case("413 chunked: a body on GET /api/teams/{team}/budget",
                new Req("GET", "/api/teams/hi-chunked-413/budget", readHeaders(), OVERSIZED, true, NOW),
                tooLarge));
        Map<String, String> gzipJson = new LinkedHashMap<>(ingestHeaders("application/json"));
        gzipJson.put("Content-Encoding", "gzip");
        c.add(new Case("413 gzip: a small body inflating past 10 MB on POST /ingest/usage",
                new Req("POST", "/ingest/usage", gzipJson, gzip(OVERSIZED), false, NOW), tooLarge));
        c.add(new Case("413 gzip: a small body inflating past 10 MB on POST /v1/metrics",
                new Req("POST", "/v1/metrics", gzipJson, gzip(OVERSIZED), false, NOW), tooLarge));
        c.add(new Case("413 gzip: a small body inflating past 10 MB on POST /v1/logs",
                new Req("POST", "/v1/logs", gzipJson, gzip(OVERSIZED), false, NOW), tooLarge));
        c.add(new Case("413 sized: POST /webhooks/github",
                new Req("POST", "/webhooks/github", gitHubHeaders("hi-gh-sized-413", OVERSIZED), OVERSIZED,
                        false, NOW),
                tooLarge));
        c.add(new Case("413 sized: POST /slack/events",
                new Req("POST", "/slack/events", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        OVERSIZED, false, NOW),
                tooLarge));
        c.add(new Case("413 sized: PUT /api/admin/teams/{team}",
                new Req("PUT", "/api/admin/teams/hi-sized-413", adminHeaders(), OVERSIZED, false, NOW), tooLarge));

        c.add(new Case("414: POST /ingest/usage with a URL over 16 KiB",
                new Req("POST", "/ingest/usage" + pad, ingestHeaders("application/json"),
                        bytes(event("h-uri").toString()), false, NOW),
                uriTooLong));
        c.add(new Case("414: POST /webhooks/github with a URL over 16 KiB",
                new Req("POST", "/webhooks/github" + pad, gitHubHeaders("hi-gh-uri", bytes("{}")), bytes("{}"),
                        false, NOW),
                uriTooLong));
        c.add(new Case("414: POST /slack/events with a URL over 16 KiB",
                new Req("POST", "/slack/events" + pad, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        bytes("a=b"), false, NOW),
                uriTooLong));
        c.add(new Case("414: GET /api/teams/{team}/scorecard with a URL over 16 KiB",
                new Req("GET", "/api/teams/hi-uri/scorecard?from=2026-02-01&to=2026-03-01&" + pad.substring(1),
                        readHeaders(), null, false, NOW),
                uriTooLong));
        c.add(new Case("414: PUT /api/admin/teams/{team} with a team id over 16 KiB",
                new Req("PUT", "/api/admin/teams/" + "t".repeat(HttpLimits.MAX_URI), adminHeaders(), bytes("{}"),
                        false, NOW),
                uriTooLong));
        c.add(new Case("long path parameter: GET /api/teams/{10 KB}/scorecard names team",
                new Req("GET", "/api/teams/" + longTeam + "/scorecard?from=2026-02-01&to=2026-03-01",
                        readHeaders(), null, false, NOW),
                new Refused(400, null, "team", "at most 64 characters")));
        c.add(new Case("long path parameter: GET /api/teams/{10 KB}/budget names team",
                new Req("GET", "/api/teams/" + longTeam + "/budget", readHeaders(), null, false, NOW),
                new Refused(400, null, "team", "at most 64 characters")));
        c.add(new Case("long path parameter: PUT /api/admin/teams/{10 KB} names team",
                new Req("PUT", "/api/admin/teams/" + longTeam, adminHeaders(), bytes("{}"), false, NOW),
                new Refused(400, null, "team", "at most 64 characters")));
        c.add(new Case("long path parameter: DELETE /api/admin/teams/{10 KB} names team",
                new Req("DELETE", "/api/admin/teams/" + longTeam, adminHeaders(), null, false, NOW),
                new Refused(400, null, "team", "at most 64 characters")));
        c.add(new Case("long path parameter: PUT /api/admin/prices/{201 characters} names model",
                new Req("PUT", "/api/admin/prices/" + "m".repeat(201), adminHeaders(),
                        bytes("{\"input\":1,\"cached_input\":1,\"cache_write\":1,\"output\":1}"), false, NOW),
                new Refused(400, null, "model", "at most 200 characters")));
        c.add(new Case("long path parameter: PUT /api/admin/repos/{401 characters} names path",
                new Req("PUT", "/api/admin/repos/" + "o".repeat(200) + "/" + "n".repeat(200), adminHeaders(),
                        bytes("{\"team\":\"hi-none\"}"), false, NOW),
                new Refused(400, null, "path", "at most 400 characters")));
        c.add(new Case("repository segment of 101 characters: PUT /api/admin/repos/{owner of 101}/x names repo",
                new Req("PUT", "/api/admin/repos/" + "o".repeat(101) + "/x", adminHeaders(),
                        bytes("{\"team\":\"hi-none\"}"), false, NOW),
                new Refused(400, null, "repo", "2 to 20 segments")));
        c.add(new Case("NUL in a path parameter: GET /api/teams/%00/budget names team",
                new Req("GET", "/api/teams/hi%00x/budget", readHeaders(), null, false, NOW),
                new Refused(400, null, "team", "NUL")));

        c.add(new Case("chunked under the limit: an NDJSON usage batch is stored",
                ingest("/ingest/usage", "application/x-ndjson",
                        event("h-chunk-1") + "\n" + event("h-chunk-2") + "\n").sentChunked(),
                new Stored(202, 2, "SELECT COUNT(*) FROM usage_event WHERE event_key LIKE 'usage:h-chunk-%'", "2",
                        "\"accepted\":2")));
        byte[] exact = Arrays.copyOf(bytes(event("h-chunk-exact").toString()), (int) HttpLimits.MAX_BODY);
        Arrays.fill(exact, bytes(event("h-chunk-exact").toString()).length, exact.length, (byte) ' ');
        c.add(new Case("chunked at exactly 10 MB: the event is stored",
                new Req("POST", "/ingest/usage", ingestHeaders("application/json"), exact, true, NOW),
                new Stored(202, 1, "SELECT COUNT(*) FROM usage_event WHERE event_key = 'usage:h-chunk-exact'", "1",
                        "\"accepted\":1")));
        c.add(new Case("chunked under the limit: PUT /api/admin/teams/{team} creates the team",
                new Req("PUT", "/api/admin/teams/hi-chunked-team", adminHeaders(),
                        bytes("{\"timezone\":\"Europe/Berlin\"}"), true, NOW),
                new Stored(201, 0, "SELECT timezone FROM team WHERE id = 'hi-chunked-team'", "Europe/Berlin",
                        null)));
        byte[] ping = gitHubPing();
        c.add(new Case("chunked under the limit: a signed GitHub ping is stored",
                new Req("POST", "/webhooks/github", gitHubHeaders("hi-gh-chunked-ok", ping), ping, true, NOW),
                new Stored(202, 0, "SELECT COUNT(*) FROM github_delivery WHERE delivery_id = 'hi-gh-chunked-ok'",
                        "1", "\"status\":\"stored\"")));
        String challenge = "{\"token\":\"t\",\"challenge\":\"hi-chunked-challenge\",\"type\":\"url_verification\"}";
        c.add(new Case("chunked under the limit: a signed Slack url_verification is answered",
                new Req("POST", "/slack/events", slackHeaders("application/json", challenge), bytes(challenge), true,
                        NOW),
                new Stored(200, 0, null, null, "hi-chunked-challenge")));
        String slug64 = "hi-" + "a".repeat(61);
        c.add(new Case("path parameter of exactly 64 characters: PUT /api/admin/teams/{team} creates it",
                new Req("PUT", "/api/admin/teams/" + slug64, adminHeaders(), bytes("{}"), false, NOW),
                new Stored(201, 0, "SELECT COUNT(*) FROM team WHERE id = '" + slug64 + "'", "1", null)));
        return c;
    }

    // ------------------------------------------------------------------------------------------------ running a case

    private void run(Case c) throws Exception {
        clock.set(c.req().clock());
        Instant now = clock.instant();
        long eventFloor = db.count("SELECT COALESCE(MAX(id), 0) FROM usage_event");
        long auditFloor = db.count("SELECT COALESCE(MAX(id), 0) FROM audit_log");
        long outboxFloor = db.count("SELECT COALESCE(MAX(id), 0) FROM outbox_message");
        Map<String, Long> before = stored(eventFloor, auditFloor, outboxFloor, now);
        HttpResponse<String> answer = send(c.req());
        String type = mediaType(answer.headers().firstValue("Content-Type").orElse(null));
        String why = c.name() + " answered " + answer.statusCode() + ": " + answer.body();
        Map<String, Long> after = stored(eventFloor, auditFloor, outboxFloor, now);

        if (c.expect() instanceof Refused r) {
            assertEquals(r.status(), answer.statusCode(), why);
            assertEquals(PROBLEM, type, why);
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals(r.status(), problem.path("status").asInt(), why);
            assertTrue(problem.path("type").asText().startsWith("https://tokenwise.dev/problems/"), why);
            if (r.field() != null) {
                JsonNode named = violation(problem, r.index(), r.field());
                assertNotNull(named, "no error names " + r.field() + " at index " + r.index() + ": " + why);
                assertTrue(named.path("message").asText().contains(r.text()), why);
            } else if (r.index() != null) {
                JsonNode item = violation(problem, r.index(), null);
                assertNotNull(item, "no error at index " + r.index() + ": " + why);
                assertTrue(item.path("message").asText().contains(r.text()), why);
            } else {
                assertTrue(problem.path("detail").asText().contains(r.text()), why);
            }
            if (r.detail() != null) {
                assertTrue(problem.path("detail").asText().contains(r.detail()), why);
            }
            assertEquals(before, after, c.name() + ": nothing of a refused request is stored");
        } else if (c.expect() instanceof OtlpRejected r) {
            assertEquals(200, answer.statusCode(), why);
            assertEquals("application/json", type, why);
            JsonNode partial = JSON.readTree(answer.body()).path("partialSuccess");
            assertEquals(Integer.toString(r.rejected()), partial.path("rejectedDataPoints").asText(), why);
            assertTrue(partial.path("errorMessage").asText().contains(r.text()), why);
            assertEquals(before, after, c.name() + ": nothing of a rejected point is stored");
        } else if (c.expect() instanceof OtlpInvalid r) {
            assertEquals(400, answer.statusCode(), why);
            assertEquals("application/json", type, why);
            JsonNode status = JSON.readTree(answer.body());
            assertEquals(3, status.path("code").asInt(), why);
            assertTrue(status.path("message").asText().contains(r.text()), why);
            assertEquals(before, after, c.name() + ": nothing of an invalid export is stored");
        } else if (c.expect() instanceof Stored s) {
            assertEquals(s.status(), answer.statusCode(), why);
            if (s.body() != null) {
                assertTrue(answer.body().contains(s.body()), why);
            }
            assertEquals(s.events(), after.get("usage_event rows") - before.get("usage_event rows"), why);
            if (s.sql() != null) {
                assertEquals(s.expected(), db.string(s.sql()), c.name() + ": " + s.sql());
            }
        } else {
            throw new AssertionError("unknown expectation " + c.expect());
        }
    }

    /** What a request can have stored, counted so that other tests' rows and the retention job cannot interfere. */
    private Map<String, Long> stored(long eventFloor, long auditFloor, long outboxFloor, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("usage_event rows", db.count("SELECT COUNT(*) FROM usage_event WHERE id > ?", eventFloor));
        m.put("usage_hourly rows", db.count("SELECT COUNT(*) FROM usage_hourly"));
        m.put("usage_hourly events", db.count("SELECT COALESCE(SUM(events), 0) FROM usage_hourly"));
        m.put("usage_team_hourly events", db.count("SELECT COALESCE(SUM(events), 0) FROM usage_team_hourly"));
        m.put("usage_session_hourly events", db.count("SELECT COALESCE(SUM(events), 0) FROM usage_session_hourly"));
        m.put("usage_contributor rows", db.count("SELECT COUNT(*) FROM usage_contributor"));
        m.put("usage_pr_ref rows", db.count("SELECT COUNT(*) FROM usage_pr_ref"));
        m.put("otlp_series rows", db.count("SELECT COUNT(*) FROM otlp_series WHERE updated_at >= ?", at));
        m.put("team rows", db.count("SELECT COUNT(*) FROM team"));
        m.put("price rows", db.count("SELECT COUNT(*) FROM price"));
        m.put("github_delivery rows", db.count("SELECT COUNT(*) FROM github_delivery WHERE delivery_id LIKE 'hi-%'"));
        m.put("audit_log rows", db.count("SELECT COUNT(*) FROM audit_log WHERE id > ?", auditFloor));
        m.put("outbox_message rows", db.count("SELECT COUNT(*) FROM outbox_message WHERE id > ?", outboxFloor));
        return m;
    }

    private HttpResponse<String> send(Req r) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + r.path()))
                .timeout(Duration.ofSeconds(120));
        r.headers().forEach(b::header);
        HttpRequest.BodyPublisher body = r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : r.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(r.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(r.body());
        b.method(r.method(), body);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The error naming {@code field} (any field when null) at {@code index} (none when null), or null. */
    private static JsonNode violation(JsonNode problem, Integer index, String field) {
        for (JsonNode e : problem.path("errors")) {
            boolean indexMatches = index == null ? !e.has("index") : e.path("index").asInt(-1) == index;
            boolean fieldMatches = field == null || field.equals(e.path("field").asText(null));
            if (indexMatches && fieldMatches) {
                return e;
            }
        }
        return null;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim();
    }

    // ------------------------------------------------------------------------------------------------ building input

    /** A valid usage event of its own team ("hi-" + id, or "hi-u" for ids that are not slugs). */
    static ObjectNode event(String id) {
        String team = "hi-" + id;
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id).put("timestamp", AT)
                .put("team", team.matches("[a-z0-9][a-z0-9-]{0,63}") ? team : "hi-u")
                .put("model", "claude-sonnet-4-5").put("input_tokens", 1000).put("output_tokens", 100);
        return n;
    }

    /** A LiteLLM StandardLoggingPayload (the real fixture) with a new id and its own team alias. */
    static ObjectNode litellm(String id) {
        try (InputStream in = HostileIngestInputTest.class
                .getResourceAsStream("/payloads/litellm/standard_logging_payload.json")) {
            ObjectNode n = (ObjectNode) JSON.readTree(in);
            n.put("id", id);
            ((ObjectNode) n.get("metadata")).put("user_api_key_team_alias", "hi " + id.replace(NUL, ""));
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object as JSON with {@code field} set to a raw JSON literal Jackson would not write (1e400, 2^70). */
    static String raw(ObjectNode n, String field, String literal) {
        ObjectNode copy = n.deepCopy();
        copy.put(field, "@raw@");
        return copy.toString().replace("\"@raw@\"", literal);
    }

    static String attr(String k, String v) {
        return "{\"key\":\"" + k + "\",\"value\":{\"stringValue\":\"" + v + "\"}}";
    }

    static String point(long start, long time, String value, String... attrs) {
        return "{\"startTimeUnixNano\":\"" + start + "\",\"timeUnixNano\":\"" + time + "\"," + value
                + ",\"attributes\":[" + String.join(",", attrs) + "]}";
    }

    /** An OTLP JSON export of one DELTA sum of the given points, resource team "hi-" + team. */
    static String export(String team, String metric, String... points) {
        return export(team, metric, 1, points);
    }

    static String export(String team, String metric, int temporality, String... points) {
        return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + attr("team", "hi-" + team) + "]},"
                + "\"scopeMetrics\":[{\"metrics\":[{\"name\":\"" + metric + "\",\"sum\":{\"aggregationTemporality\":"
                + temporality + ",\"isMonotonic\":true,\"dataPoints\":[" + String.join(",", points) + "]}}]}]}]}";
    }

    static Req usage(String json) {
        return ingest("/ingest/usage", "application/json", json);
    }

    static Req liteLlm(String json) {
        return ingest("/ingest/litellm", "application/json", json);
    }

    static Req otlp(String json) {
        return ingest("/v1/metrics", "application/json", json);
    }

    static Req ingest(String path, String contentType, String body) {
        return new Req("POST", path, ingestHeaders(contentType), bytes(body), false, NOW);
    }

    static Map<String, String> ingestHeaders(String contentType) {
        return Map.of("Authorization", "Bearer " + Api.INGEST_TOKEN, "Content-Type", contentType);
    }

    static Map<String, String> adminHeaders() {
        return Map.of("Authorization", "Bearer " + Api.ADMIN_TOKEN, "Content-Type", "application/json");
    }

    static Map<String, String> readHeaders() {
        return Map.of("Authorization", "Bearer " + Api.READ_TOKEN);
    }

    /** Signed as GitHub signs (HMAC-SHA256 of the body under the test profile's secret). */
    static Map<String, String> gitHubHeaders(String deliveryId, byte[] body) {
        return Map.of("Content-Type", "application/json", "X-GitHub-Event", "ping", "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", new GitHubSignature("test-github-webhook-secret").sign(body));
    }

    /** Signed as Slack signs, at the test's clock ({@link #NOW}). */
    static Map<String, String> slackHeaders(String contentType, String body) {
        String ts = Long.toString(Instant.parse(NOW).getEpochSecond());
        return Map.of("Content-Type", contentType, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature",
                SlackRequests.signature(SlackRequests.SECRET, ts, body));
    }

    static byte[] gitHubPing() {
        try (InputStream in = HostileIngestInputTest.class.getResourceAsStream("/payloads/github/ping.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) ' ');
        return b;
    }

    static long nanos(String instant) {
        Instant t = Instant.parse(instant);
        return t.getEpochSecond() * SEC + t.getNano();
    }
}
