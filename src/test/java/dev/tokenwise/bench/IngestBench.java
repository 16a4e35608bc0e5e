package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Ingest and read benchmark on PostgreSQL (README "Benchmarks"; run with {@code bench/run}). Prints:
 * (a) events/s through POST /ingest/usage in batches of 1,000, (logs) events/s through POST /v1/logs in Claude Code
 * exports of 512 api_request records from 4 clients, (b) single-event requests from 16 concurrent clients, (c) the raw
 * JDBC batch-insert rate of the same rows into a table of the same shape, and the ratios, over the shared seed
 * ({@link BenchSeed}). Fails when (logs)/(a) misses its target.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class IngestBench {

    static final int BATCH = 1_000;
    static final int BATCHES = Integer.getInteger("bench.batches", 60);
    static final int BATCH_CLIENTS = Integer.getInteger("bench.batch-clients", 4);
    static final int SINGLE_CLIENTS = 16;
    static final int SINGLE_SECONDS = Integer.getInteger("bench.single-seconds", 15);
    /** (b)'s load generator: "keep-alive" (default, {@link KeepAliveClient}) or "jdk" (java.net.http.HttpClient). */
    static final String SINGLE_CLIENT = System.getProperty("bench.client", "keep-alive");
    /** The logs phase: exports of {@link #LOG_RECORDS} api_request records, from {@link #LOG_CLIENTS} clients. */
    static final int LOG_EXPORTS = Integer.getInteger("bench.log-exports", 120);
    static final int LOG_RECORDS = 512;
    static final int LOG_CLIENTS = 4;
    /** Target: (logs) events/s at least this share of (a)'s, in the same run. */
    static final double LOG_TARGET = 0.7;
    /**
     * Requests sent before (a) and before (logs), not measured: about 10,000 events each, so that both paths are
     * compiled by the JIT before they are measured (the logs path parses and maps every record in Java).
     */
    static final int WARM_BATCHES = 10;
    static final int WARM_EXPORTS = 20;

    @Inject
    DataSource ds;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base;

    @Test
    void run() throws Exception {
        base = URI.create("http://localhost:" + io.restassured.RestAssured.port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println("\n=== Tokenwise ingest benchmark (run " + run + ", " + Runtime.getRuntime().availableProcessors()
                + " cores) ===");

        // Seed first (shared with the other benchmarks): the ingest figures are measured against a database of
        // realistic size.
        BenchSeed.ensure(ds);

        List<String> bodies = new ArrayList<>();
        List<List<Object[]>> rows = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder sb = new StringBuilder("[");
            List<Object[]> r = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String id = run + "-" + b + "-" + i;
                sb.append(i == 0 ? "" : ",").append(event(id, b * BATCH + i));
                r.add(new Object[] { id, b * BATCH + i });
            }
            bodies.add(sb.append("]").toString());
            rows.add(r);
        }
        // Warm-up (JIT, connection pool), not measured.
        for (int w = 0; w < WARM_BATCHES; w++) {
            post(bodies.get(w % BATCHES).replace("\"id\":\"" + run, "\"id\":\"warm" + w + run));
        }

        // (a) batches of 1,000 from a few concurrent clients
        CpuMeter.Cpu aCpu = CpuMeter.now(ds);
        long a0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(BATCH_CLIENTS);
        List<Future<?>> fs = new ArrayList<>();
        for (String body : bodies) {
            fs.add(pool.submit(() -> post(body)));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double a = BATCHES * BATCH / ((System.nanoTime() - a0) / 1e9);
        aCpu = CpuMeter.now(ds).minus(aCpu);

        // (logs) OTLP logs exports of Claude Code api_request records, right after (a) on the same database
        Phase logsPhase = logsPhase(run);
        double logs = logsPhase.rate();

        // (b) single events from 16 concurrent clients
        AtomicLong sent = new AtomicLong();
        long deadline = System.nanoTime() + SINGLE_SECONDS * 1_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(SINGLE_CLIENTS);
        long b0 = System.nanoTime();
        List<Future<?>> cs = new ArrayList<>();
        for (int c = 0; c < SINGLE_CLIENTS; c++) {
            int client = c;
            cs.add(clients.submit(() -> {
                try (KeepAliveClient conn = new KeepAliveClient(base.getHost(), base.getPort())) {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        String body = event(run + "-s" + client + "-" + n, n);
                        if (SINGLE_CLIENT.equals("jdk")) {
                            post(body);
                        } else {
                            KeepAliveClient.Response r = conn.post("/ingest/usage", "application/json",
                                    "Bearer " + Api.INGEST_TOKEN, body);
                            if (r.status() != 202) {
                                throw new IllegalStateException("ingest answered " + r.status() + ": " + r.body());
                            }
                        }
                        n++;
                        sent.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : cs) {
            f.get();
        }
        clients.shutdown();
        double b = sent.get() / ((System.nanoTime() - b0) / 1e9);
        // Every answered event must be stored, once: a fast figure from a client that lost requests would be a lie.
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM usage_event WHERE event_key LIKE ?")) {
            ps.setString(1, "usage:" + run + "-s%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != sent.get()) {
                    throw new IllegalStateException("(b) sent " + sent.get() + " events but " + rs.getLong(1)
                            + " are stored");
                }
            }
        }
        var commits = registry.timer("tokenwise.ingest.group.commit");
        var groups = registry.summary("tokenwise.ingest.group.requests");
        System.out.printf("BENCH ingest group commit over the whole run: %,d transactions, %.1f requests each on average, "
                + "%.1f ms mean commit%n", commits.count(), groups.mean(),
                commits.mean(java.util.concurrent.TimeUnit.MILLISECONDS));

        // (c) raw JDBC batch insert of the same rows, batches of 1,000, one transaction each, same table shape
        double c = rawInsertRate(rows, run, false);
        // For context only (no target): the same rows with the driver rewriting each batch into multi-row INSERTs.
        double cRewritten = rawInsertRate(rows, run, true);

        System.out.printf("BENCH ingest (a) POST /ingest/usage, batches of %,d, %d clients: %,.0f events/s%n", BATCH,
                BATCH_CLIENTS, a);
        System.out.printf("BENCH ingest (logs) POST /v1/logs, exports of %d api_request records, %d clients: %,.0f events/s "
                + "(%d exports, protobuf)%n", LOG_RECORDS, LOG_CLIENTS, logs, LOG_EXPORTS);
        System.out.printf("BENCH ingest (b) POST /ingest/usage, single events, %d clients:   %,.0f events/s (%s client)%n",
                SINGLE_CLIENTS, b, SINGLE_CLIENT);
        System.out.printf("BENCH ingest (c) raw JDBC batch insert, batches of %,d:            %,.0f rows/s%n", BATCH, c);
        System.out.printf("BENCH ingest (c') the same, reWriteBatchedInserts=true (context): %,.0f rows/s%n", cRewritten);
        System.out.printf("BENCH ingest (a)/(c) = %.2f   (target >= 0.5); (a)/(c') = %.2f%n", a / c, a / cRewritten);
        System.out.printf("BENCH ingest (b)/(c) = %.2f   ((b) target >= 2,000 events/s)%n", b / c);
        System.out.printf("BENCH ingest (logs)/(a) = %.2f   (target >= %.1f)%n", logs / a, LOG_TARGET);
        System.out.printf("BENCH ingest CPU (a):    %s (context)%n", aCpu.perEvent((long) BATCHES * BATCH));
        System.out.printf("BENCH ingest CPU (logs): %s (context)%n", logsPhase.cpu().perEvent((long) LOG_EXPORTS
                * LOG_RECORDS));

        cleanUp();
        assertTrue(logs / a >= LOG_TARGET, "(logs)/(a) = " + logs / a + ": " + Math.round(logs) + " events/s through "
                + "/v1/logs against " + Math.round(a) + " through /ingest/usage");
    }

    /**
     * Sends {@link #LOG_EXPORTS} exports, each client its own in order (one Claude Code process), after a warm-up of
     * its own; checks that every record was accepted and every event stored once, with its figures in the rollups.
     *
     * @return events/s and the CPU spent meanwhile
     */
    private Phase logsPhase(String run) throws Exception {
        Instant now = Instant.now();
        ClaudeCodeExports warm = new ClaudeCodeExports("w" + run, LOG_RECORDS, now);
        for (int w = 0; w < WARM_EXPORTS; w++) {
            postLogs(warm.export(w % LOG_CLIENTS, w / LOG_CLIENTS));
        }
        ClaudeCodeExports exports = new ClaudeCodeExports("l" + run, LOG_RECORDS, now);
        List<List<byte[]>> perClient = new ArrayList<>();
        for (int client = 0; client < LOG_CLIENTS; client++) {
            perClient.add(new ArrayList<>());
        }
        for (int e = 0; e < LOG_EXPORTS; e++) {
            int client = e % LOG_CLIENTS;
            perClient.get(client).add(exports.export(client, e / LOG_CLIENTS));
        }
        ExecutorService pool = Executors.newFixedThreadPool(LOG_CLIENTS);
        CpuMeter.Cpu cpu = CpuMeter.now(ds);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (List<byte[]> own : perClient) {
            fs.add(pool.submit(() -> {
                for (byte[] body : own) {
                    postLogs(body);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double rate = (double) LOG_EXPORTS * LOG_RECORDS / ((System.nanoTime() - t0) / 1e9);
        cpu = CpuMeter.now(ds).minus(cpu);
        pool.shutdown();
        // Every sent record must be stored, once, in the rollups too; and every session now counts by its events.
        long sent = (long) LOG_EXPORTS * LOG_RECORDS;
        String teams = exports.teamPrefix() + "%";
        check("(logs) stored events", sent, "SELECT COUNT(*) FROM usage_event WHERE team_id LIKE ? "
                + "AND source = 'otlp-log'", teams);
        check("(logs) output tokens of the stored events", exports.outputTokens(),
                "SELECT SUM(output_tokens) FROM usage_event WHERE team_id LIKE ?", teams);
        check("(logs) events in usage_hourly", sent, "SELECT SUM(events) FROM usage_hourly WHERE team_id LIKE ?", teams);
        check("(logs) input tokens in usage_hourly", exports.inputTokens(),
                "SELECT SUM(input_tokens) FROM usage_hourly WHERE team_id LIKE ?", teams);
        check("(logs) sessions counted by their events", exports.sessions().size(),
                "SELECT COUNT(*) FROM agent_session_source WHERE session_id LIKE ? AND events", exports.sessionPrefix()
                        + "%");
        check("(logs) sessions in agent_session_day", exports.sessions().size(),
                "SELECT COUNT(DISTINCT session_id) FROM agent_session_day WHERE team_id LIKE ?", teams);
        return new Phase(rate, cpu);
    }

    private record Phase(double rate, CpuMeter.Cpu cpu) {
    }

    private void check(String what, long expected, String sql, String param) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (var rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != expected) {
                    throw new IllegalStateException(what + ": expected " + expected + ", found " + rs.getLong(1));
                }
            }
        }
    }

    private void postLogs(byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/logs"))
                .header("Authorization", "Bearer " + Api.INGEST_TOKEN).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/v1/logs answered " + r.statusCode() + ": " + new String(r.body()));
        }
        var answer = ExportLogsServiceResponse.parseFrom(r.body());
        if (answer.getPartialSuccess().getRejectedLogRecords() != 0) {
            throw new IllegalStateException("/v1/logs rejected records: " + answer.getPartialSuccess());
        }
    }

    private static String event(String id, int n) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(n % 120)
                + "\",\"team\":\"benchi-t" + (n % 50) + "\",\"repo\":\"benchi/repo-" + (n % 50) + "\",\"workflow\":\""
                + (n % 3 == 0 ? "coding" : "testing") + "\",\"tool\":\"claude-code\",\"model\":\"claude-sonnet-4-5\","
                + "\"input_tokens\":" + (1000 + n % 977) + ",\"cached_input_tokens\":" + (n % 5000)
                + ",\"output_tokens\":" + (200 + n % 300) + ",\"session_id\":\"benchi-s" + (n % 400) + "\","
                + "\"actor\":\"dev" + (n % 200) + "\"" + (n % 4 == 0 ? ",\"pull_request\":" + (1 + n % 90) : "") + "}";
    }

    private Void post(String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/ingest/usage"))
                .header("Authorization", "Bearer " + Api.INGEST_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
        }
        return null;
    }

    private double rawInsertRate(List<List<Object[]>> batches, String run, boolean rewrite) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_event");
            st.execute("CREATE TABLE bench_raw_event (LIKE usage_event INCLUDING ALL)");
        }
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        long n = 0;
        String sql = "INSERT INTO bench_raw_event (event_key, occurred_at, team_id, repo, workflow, tool, model, "
                + "input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, "
                + "cost_reported, priced, session_id, pull_request, actor, source, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = rewrite ? rewritingConnection() : ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (List<Object[]> batch : batches) {
                    for (Object[] row : batch) {
                        int i = (Integer) row[1];
                        ps.setString(1, "usage:raw-" + row[0]);
                        ps.setObject(2, OffsetDateTime.ofInstant(now.minusSeconds(i % 120), ZoneOffset.UTC));
                        ps.setString(3, "benchi-t" + (i % 50));
                        ps.setString(4, "benchi/repo-" + (i % 50));
                        ps.setString(5, i % 3 == 0 ? "coding" : "testing");
                        ps.setString(6, "claude-code");
                        ps.setString(7, "claude-sonnet-4-5");
                        ps.setLong(8, 1000 + i % 977);
                        ps.setLong(9, i % 5000);
                        ps.setLong(10, 0);
                        ps.setLong(11, 200 + i % 300);
                        ps.setLong(12, 0);
                        ps.setDouble(13, 0.01);
                        ps.setBoolean(14, false);
                        ps.setBoolean(15, true);
                        ps.setString(16, "benchi-s" + (i % 400));
                        if (i % 4 == 0) {
                            ps.setInt(17, 1 + i % 90);
                        } else {
                            ps.setNull(17, java.sql.Types.INTEGER);
                        }
                        ps.setString(18, "0123456789abcdef0123456789abcdef");
                        ps.setString(19, "usage");
                        ps.setObject(20, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                        ps.addBatch();
                        n++;
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_raw_event");
        }
        return rate;
    }

    /** A connection to the same database, outside the pool, with pgjdbc's batch rewriting on. */
    private Connection rewritingConnection() throws Exception {
        String url;
        String user;
        try (Connection c = ds.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("reWriteBatchedInserts", "true");
        return java.sql.DriverManager.getConnection(url, props);
    }

    /** The benchmark's own ingested events (teams benchi-*) and sessions are removed, so runs do not pile up. */
    private void cleanUp() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String table : new String[] { "usage_event", "usage_hourly", "usage_team_hourly",
                    "usage_session_hourly",
                    "usage_contributor", "usage_pr_ref", "agent_session_day" }) {
                st.execute("DELETE FROM " + table + " WHERE team_id LIKE 'benchi-%'");
            }
            // The logs phase's sessions: "l<run>-…" and "w<run>-…" (8 hex digits of the run).
            st.execute("DELETE FROM agent_session_source WHERE session_id ~ '^[lw][0-9a-f]{8}-'");
        }
    }
}
