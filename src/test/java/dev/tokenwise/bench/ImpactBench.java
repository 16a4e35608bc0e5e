package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /tokenwise impact [team] [period]} under load: 8 concurrent clients, signed requests over HTTP
 * ({@code /slack/events}), on the shared seed ({@link BenchSeed}: 10 million usage events, 200,000 PRs across 100
 * teams, and what AI attribution reads of them, {@link AttributionSeeder}), with the clock set to the seed's last
 * day. Every answer must be the AI-impact comparison (it names the AI-assisted PRs), not the help text. Prints
 * p50/p95/p99/max; fails if p99 ≥ 300 ms. Run with {@code bench/run impact}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class ImpactBench {

    static final int TEAMS = 100;
    static final Instant NOW = Instant.parse("2026-01-04T18:00:00Z");
    static final int CLIENTS = 8;
    static final int WARMUP = 200;
    static final int REQUESTS_PER_CLIENT = 250;
    /** What the comparison names and the help or unknown-command text does not. */
    static final String ANSWER = "AI-assisted";

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/slack/events")
    URL events;

    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void impactAnswersUnder300MsAtP99() throws Exception {
        BenchSeed.ensure(dataSource);
        clock.set(NOW);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String[] periods = { "30d", "this-month", "last-month", "7d", "last-week" };
        for (int i = 0; i < WARMUP; i++) {
            call(http, "impact " + UsageSeeder.Spec.team(i % TEAMS) + " " + periods[i % periods.length]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Callable<List<Long>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(() -> {
                List<Long> took = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    String text = "impact " + UsageSeeder.Spec.team((client * 13 + i) % TEAMS) + " "
                            + periods[i % periods.length];
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
        System.out.printf("BENCH impact: %d requests, %d clients, %.0f req/s, p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", all.size(), CLIENTS, all.size() / seconds, p50, p95, p99,
                all.get(all.size() - 1) / 1e6);
        assertTrue(p99 < 300, "p99 " + p99 + " ms");
    }

    private void call(HttpClient http, String text) throws Exception {
        String body = SlackRequests.slashCommandBody(text, "CBENCHX", "U0BENCH01", "http://127.0.0.1:9/unused");
        String ts = Long.toString(clock.instant().getEpochSecond());
        HttpRequest req = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200 || !res.body().contains(ANSWER)) {
            throw new IllegalStateException(res.statusCode() + " " + res.body());
        }
    }

    private static double ms(List<Long> sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, idx)) / 1e6;
    }
}
