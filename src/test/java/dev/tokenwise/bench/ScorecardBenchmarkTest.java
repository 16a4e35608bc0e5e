package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Scorecard latency over HTTP on the shared seed ({@link BenchSeed}: 200,000 PRs and 10 million usage events across
 * 100 teams): one team-week (median of 500 random team-weeks) and all 100 teams' scorecards of one week
 * (sequential, median of 7 weeks). Run with {@code bench/run scorecard} (README "Benchmarks"). Every scorecard
 * includes {@code ai_impact} (AI attribution over the seed's branches, commits and session commits,
 * {@link AttributionSeeder}); the timed team-weeks are checked afterwards to have found AI-assisted PRs through
 * usage, so the figure is that of attribution actually at work.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class ScorecardBenchmarkTest {

    static final int TEAMS = 100;
    static final int WEEKS = 12;

    @Inject
    DataSource ds;

    @Test
    void teamWeekScorecards() throws Exception {
        BenchSeed.ensure(ds);
        int port = io.restassured.RestAssured.port;
        HttpClient http = HttpClient.newHttpClient();
        // The 12 whole weeks (Mondays 2025-10-13 .. 2025-12-29) inside the seeded 90 days.
        LocalDate start = LocalDate.parse("2025-10-13");
        Random random = new Random(42);

        // Warm-up: JIT, connection pool, PostgreSQL caches.
        for (int i = 0; i < 200; i++) {
            get(http, port, i % TEAMS, start.plusWeeks(random.nextInt(WEEKS)));
        }
        int samples = 500;
        double[] single = new double[samples];
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            LocalDate week = start.plusWeeks(random.nextInt(WEEKS));
            long t0 = System.nanoTime();
            String body = get(http, port, random.nextInt(TEAMS), week);
            single[i] = (System.nanoTime() - t0) / 1e6;
            bodies.add(body);
        }
        Arrays.sort(single);
        List<Double> allTeams = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            LocalDate week = start.plusWeeks(2 + round);
            long t0 = System.nanoTime();
            for (int team = 0; team < TEAMS; team++) {
                get(http, port, team, week);
            }
            allTeams.add((System.nanoTime() - t0) / 1e6);
        }
        allTeams.sort(Double::compare);
        double median = single[samples / 2];
        double allMedian = allTeams.get(allTeams.size() / 2);
        System.out.printf("BENCH scorecard one team-week scorecard over HTTP: median %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms (%d samples)%n", median, single[(int) Math.ceil(0.9 * samples) - 1],
                single[(int) Math.ceil(0.99 * samples) - 1], single[samples - 1], samples);
        System.out.printf("BENCH scorecard all %d teams' weekly scorecards, sequential: median %.0f ms, max %.0f ms "
                + "(%d rounds)%n", TEAMS, allMedian, allTeams.get(allTeams.size() - 1), allTeams.size());
        int usage = 0;
        int compared = 0;
        ObjectMapper json = new ObjectMapper();
        for (String body : bodies) {
            JsonNode impact = json.readTree(body).path("ai_impact");
            assertFalse(impact.isMissingNode() || impact.isNull(), "ai_impact missing: " + body);
            usage += impact.path("by_signal").path("usage").asInt() > 0 ? 1 : 0;
            compared += impact.path("ai_assisted").path("attributed_cost_usd").asDouble() > 0 ? 1 : 0;
        }
        System.out.printf("BENCH scorecard ai_impact: %d of %d team-weeks with PRs found through usage, %d with "
                + "AI-assisted cost attributed%n", usage, samples, compared);
        assertTrue(usage > 0, "no team-week found an AI-assisted PR through usage");
        assertTrue(compared > 0, "no team-week attributed cost to AI-assisted PRs");
        assertTrue(median < 20, "one team-week median " + median + " ms");
        assertTrue(allMedian < 3000, "all teams " + allMedian + " ms");
    }

    private static String get(HttpClient http, int port, int team, LocalDate week) throws Exception {
        String id = UsageSeeder.Spec.team(team);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/teams/" + id
                + "/scorecard?from=" + week + "&to=" + week.plusWeeks(1)))
                .header("Authorization", "Bearer test-read-token").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"merged_prs\"")) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
