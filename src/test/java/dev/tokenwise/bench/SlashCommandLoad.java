package dev.tokenwise.bench;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tokenwise.support.SlackRequests;

/**
 * One slash command under load, as the command benchmarks measure it: signed {@code /slack/events} requests over HTTP
 * for the 100 seeded teams and five periods, 200 unmeasured, then 8 clients × 250 measured; every answer must hold
 * {@code mustContain} (the command's own answer, not the help text). Prints one {@code BENCH} line and returns the
 * p99 in ms.
 */
final class SlashCommandLoad {

    static final int TEAMS = 100;
    static final int CLIENTS = 8;
    static final int WARMUP = 200;
    static final int REQUESTS_PER_CLIENT = 250;
    private static final String[] PERIODS = { "30d", "this-month", "last-month", "7d", "last-week" };

    private final URL events;
    private final Clock clock;
    private final String command;
    private final String mustContain;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlashCommandLoad(URL events, Clock clock, String command, String mustContain) {
        this.events = events;
        this.clock = clock;
        this.command = command;
        this.mustContain = mustContain;
    }

    double p99() throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call(i % TEAMS, i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Callable<List<Long>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(() -> {
                List<Long> took = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    long t0 = System.nanoTime();
                    call((client * 13 + i) % TEAMS, i);
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
        double p99 = ms(all, 0.99);
        System.out.printf("BENCH %s: %d requests, %d clients, %.0f req/s, p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", command, all.size(), CLIENTS, all.size() / seconds, ms(all, 0.50),
                ms(all, 0.95), p99, all.get(all.size() - 1) / 1e6);
        return p99;
    }

    private void call(int team, int i) throws Exception {
        String text = command + " " + UsageSeeder.Spec.team(team) + " " + PERIODS[i % PERIODS.length];
        String body = SlackRequests.slashCommandBody(text, "CBENCHX", "U0BENCH01", "http://127.0.0.1:9/unused");
        String ts = Long.toString(clock.instant().getEpochSecond());
        HttpRequest req = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200 || !res.body().contains(mustContain)) {
            throw new IllegalStateException(res.statusCode() + " " + res.body());
        }
    }

    private static double ms(List<Long> sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, idx)) / 1e6;
    }
}
