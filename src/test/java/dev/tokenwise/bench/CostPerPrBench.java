package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /tokenwise cost-per-pr} under load: 8 concurrent clients, signed requests over HTTP, against a database
 * holding a year of usage rollups equivalent to 10 million usage events (usage_hourly rows seeded directly; the
 * 10M-event seeder lives on the ingest branch). Prints p50/p95/p99/max; fails if p99 ≥ 300 ms.
 * <p>
 * Run: {@code ./mvnw test -Dtest=CostPerPrBench} (H2) or add
 * {@code -Ppostgresql -Dtokenwise.test.jdbc-url=jdbc:postgresql://127.0.0.1:5432/<db>} (PostgreSQL).
 * Excluded from normal runs (src/test/java/dev/tokenwise/bench/).
 */
@QuarkusTest
class CostPerPrBench {

    static final long TOTAL_EVENTS = 10_000_000L;
    static final int TEAMS = 10;
    static final int DAYS = 365;
    static final String[] WORKFLOWS = { "coding", "review", "testing" };
    static final String[] MODELS = { "claude-sonnet-4-5", "gpt-5" };
    static final int CLIENTS = 8;
    static final int WARMUP = 200;
    static final int REQUESTS_PER_CLIENT = 250;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/slack/events")
    URL events;

    @Test
    void costPerPrAnswersUnder300MsAtP99() throws Exception {
        for (int t = 0; t < TEAMS; t++) {
            Api.team("bench-" + t, "{\"channel\":\"CBENCH" + t + "\",\"timezone\":\"Europe/Berlin\"}");
        }
        long rows = seed();
        System.out.printf("BENCH seeded %,d usage_hourly rows (%,d events) for %d teams over %d days%n", rows,
                TOTAL_EVENTS, TEAMS, DAYS);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String[] periods = { "30d", "this-month", "last-month", "7d", "last-week" };
        for (int i = 0; i < WARMUP; i++) {
            call(http, "cost-per-pr bench-" + (i % TEAMS) + " " + periods[i % periods.length]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Callable<List<Long>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(() -> {
                List<Long> took = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    String text = "cost-per-pr bench-" + ((client + i) % TEAMS) + " " + periods[i % periods.length];
                    long t0 = System.nanoTime();
                    call(http, text);
                    took.add(System.nanoTime() - t0);
                }
                return took;
            });
        }
        long start = System.nanoTime();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : pool.invokeAll(clients)) {
            all.addAll(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Collections.sort(all);
        double p50 = ms(all, 0.50);
        double p95 = ms(all, 0.95);
        double p99 = ms(all, 0.99);
        System.out.printf("BENCH cost-per-pr: %d requests, %d clients, %.0f req/s, p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", all.size(), CLIENTS, all.size() / seconds, p50, p95, p99,
                all.get(all.size() - 1) / 1e6);
        assertTrue(p99 < 300, "p99 " + p99 + " ms");
    }

    private void call(HttpClient http, String text) throws Exception {
        String body = SlackRequests.slashCommandBody(text, "CBENCHX", "U0BENCH01", "http://127.0.0.1:9/unused");
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest req = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200 || !res.body().contains("Cost per merged PR")) {
            throw new IllegalStateException(res.statusCode() + " " + res.body());
        }
    }

    private static double ms(List<Long> sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, idx)) / 1e6;
    }

    /** One row per team, hour, workflow, model and attribution: 10 × 8760 × 3 × 2 × 2 = 1,051,200 rows. */
    private long seed() throws Exception {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
        long hours = DAYS * 24L;
        long rows = TEAMS * hours * WORKFLOWS.length * MODELS.length * 2;
        long perRow = TOTAL_EVENTS / rows;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM usage_hourly WHERE team_id LIKE 'bench-%'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_hourly (team_id, bucket_start, "
                    + "workflow, model, tool, repo, attributed, events, cost_usd, input_tokens, cached_input_tokens, "
                    + "cache_write_tokens, output_tokens, reasoning_tokens, unpriced_events) VALUES "
                    + "(?, ?, ?, ?, 'claude-code', 'acme/app', ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                int batch = 0;
                for (int t = 0; t < TEAMS; t++) {
                    OffsetDateTime h = first.atStartOfDay().atOffset(ZoneOffset.UTC);
                    for (long i = 0; i < hours; i++, h = h.plus(1, ChronoUnit.HOURS)) {
                        for (String w : WORKFLOWS) {
                            for (String m : MODELS) {
                                for (boolean attributed : new boolean[] { true, false }) {
                                    ps.setString(1, "bench-" + t);
                                    ps.setObject(2, h);
                                    ps.setString(3, w);
                                    ps.setString(4, m);
                                    ps.setBoolean(5, attributed);
                                    ps.setLong(6, perRow);
                                    ps.setDouble(7, perRow * 0.02);
                                    ps.setLong(8, perRow * 2000);
                                    ps.setLong(9, perRow * 8000);
                                    ps.setLong(10, perRow * 500);
                                    ps.setLong(11, perRow * 700);
                                    ps.setLong(12, perRow * 200);
                                    ps.addBatch();
                                    if (++batch % 2000 == 0) {
                                        ps.executeBatch();
                                    }
                                }
                            }
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        return rows;
    }
}
