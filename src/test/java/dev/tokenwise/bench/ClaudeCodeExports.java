package dev.tokenwise.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * OTLP logs exports as Claude Code's http/protobuf exporter sends them, {@code claude_code.api_request} records only,
 * with the attributes of the real export (payloads/otlp/claude-code/claude_logs.json). Each client stands for one
 * Claude Code process of its own team with {@link #SESSIONS} sessions open at a time; every second export of a client
 * one of them has ended and a new one has started, so an export mostly carries sessions seen before and now and then
 * a new one. Request ids, session ids and teams carry the {@code tag}, so every run sends new events.
 */
final class ClaudeCodeExports {

    static final int SESSIONS = 4;
    static final String SCOPE = "com.anthropic.claude_code.events";

    private final String tag;
    private final int records;
    private final Instant base;
    private final TreeSet<String> sessions = new TreeSet<>();
    private long inputTokens;
    private long outputTokens;

    /**
     * @param tag lower-case letters and digits, new for every run (in teams, sessions and request ids)
     * @param records api_request records per export
     */
    ClaudeCodeExports(String tag, int records, Instant base) {
        this.tag = tag;
        this.records = records;
        this.base = base;
    }

    /** The team of the client: {@code benchi-<tag>-c<client>} (removed by the benchmark's clean-up). */
    String team(int client) {
        return "benchi-" + tag + "-c" + client;
    }

    /** The teams of all clients share this prefix. */
    String teamPrefix() {
        return "benchi-" + tag + "-c";
    }

    /** Session ids start with the tag and a dash. */
    String sessionPrefix() {
        return tag + "-";
    }

    /** Every session the exports built so far carry. */
    TreeSet<String> sessions() {
        return sessions;
    }

    /** The sums over every export built so far. */
    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    /** The {@code n}-th export (0, 1, …) of {@code client}, serialized as the exporter sends it. */
    byte[] export(int client, int n) {
        String email = "dev" + client + "@example.com";
        String userId = String.format("%064x", (long) client * 7919 + 1);
        String account = UUID.nameUUIDFromBytes(email.getBytes()).toString();
        List<String> open = new ArrayList<>();
        for (int s = n / 2; s < n / 2 + SESSIONS; s++) {
            open.add(String.format("%s-%04d-4000-8000-%012d", tag, client, s));
        }
        sessions.addAll(open);
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(SCOPE).setVersion("2.1.226"));
        long t0 = (base.getEpochSecond() - 60) * 1_000_000_000L + (long) n * 50_000_000L;
        for (int i = 0; i < records; i++) {
            long time = t0 + i * 100_000L + client * 10_000L;
            String session = open.get(i % SESSIONS);
            long input = 1 + (i * 7 + n) % 40;
            long output = 50 + (i * 13 + client) % 900;
            long cacheRead = (i % 8) * 4_096L;
            long cacheCreation = i % 5 == 0 ? 12_000 + i : 0;
            double cost = (input * 3 + output * 15 + cacheRead * 0.3 + cacheCreation * 3.75) / 1_000_000d;
            inputTokens += input;
            outputTokens += output;
            String id = String.format("%02d%05d%04d", client, n, i);
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time)
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                    .addAttributes(kv("user.id", userId))
                    .addAttributes(kv("session.id", session))
                    .addAttributes(kv("organization.id", "00000000-0000-4000-8000-000000000000"))
                    .addAttributes(kv("user.email", email))
                    .addAttributes(kv("user.account_uuid", account))
                    .addAttributes(kv("user.account_id", "user_" + account.replace("-", "").substring(0, 21)))
                    .addAttributes(kv("terminal.type", "xterm-256color"))
                    .addAttributes(kv("event.name", "api_request"))
                    .addAttributes(kv("event.timestamp", Instant.ofEpochSecond(0, time).toString()))
                    .addAttributes(kv("event.sequence", (long) n * records + i))
                    .addAttributes(kv("prompt.id", UUID.nameUUIDFromBytes((session + i / 6).getBytes()).toString()))
                    .addAttributes(kv("model", i % 4 == 0 ? "claude-haiku-4-5" : "claude-sonnet-4-5"))
                    .addAttributes(kv("input_tokens", input))
                    .addAttributes(kv("output_tokens", output))
                    .addAttributes(kv("cache_read_tokens", cacheRead))
                    .addAttributes(kv("cache_creation_tokens", cacheCreation))
                    .addAttributes(kv("cost_usd", cost))
                    .addAttributes(kv("cost_usd_micros", Math.round(cost * 1_000_000)))
                    .addAttributes(kv("duration_ms", 800L + i % 5_000))
                    .addAttributes(kv("request_id", "req_" + tag + id))
                    .addAttributes(kv("client_request_id", UUID.nameUUIDFromBytes((tag + id).getBytes()).toString()))
                    .addAttributes(kv("speed", "normal"))
                    .addAttributes(kv("query_source", "repl_main_thread"))
                    .addAttributes(kv("effort", "high")));
        }
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("host.arch", "arm64"))
                .addAttributes(kv("os.type", "darwin"))
                .addAttributes(kv("os.version", "24.6.0"))
                .addAttributes(kv("service.name", "claude-code"))
                .addAttributes(kv("service.version", "2.1.226"))
                .addAttributes(kv("team", team(client)))
                .addAttributes(kv("workflow", client % 2 == 0 ? "coding" : "testing"))
                .build();
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
                .build().toByteArray();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue kv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue kv(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }
}
