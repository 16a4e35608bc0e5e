package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Scorecard latency over HTTP with 200,000 PRs across 100 teams and 10 million usage events (see README,
 * "Benchmarks"). Not part of the normal run (src/test/java/dev/tokenwise/bench is excluded). Run on PostgreSQL:
 *
 * <pre>
 * ./mvnw -B test -Ppostgresql -Dtest=ScorecardBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtokenwise.test.jdbc-url=jdbc:postgresql://127.0.0.1:5432/tw_bench
 * </pre>
 *
 * The database is migrated but never cleaned (the profile turns Flyway clean off), and seeded once.
 */
@QuarkusTest
@TestProfile(ScorecardBenchmarkTest.KeepData.class)
class ScorecardBenchmarkTest {

    public static class KeepData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.quarkus.flyway.clean-at-start", "false", "quarkus.log.category.\"io.quarkus\".level",
                    "WARN");
        }
    }

    @Inject
    DataSource ds;

    @Test
    void teamWeekScorecards() throws Exception {
        try (Connection c = ds.getConnection()) {
            if (!DeliverySeeder.seeded(c)) {
                long t0 = System.nanoTime();
                DeliverySeeder.seed(c);
                System.out.printf("seeded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            }
        }
        int port = io.restassured.RestAssured.port;
        HttpClient http = HttpClient.newHttpClient();
        LocalDate start = LocalDate.parse(DeliverySeeder.START);
        Random random = new Random(42);

        // Warm-up: JIT, connection pool, PostgreSQL caches.
        for (int i = 0; i < 200; i++) {
            get(http, port, i % DeliverySeeder.TEAMS, start.plusWeeks(random.nextInt(52)));
        }
        int samples = 500;
        double[] single = new double[samples];
        for (int i = 0; i < samples; i++) {
            LocalDate week = start.plusWeeks(random.nextInt(52));
            long t0 = System.nanoTime();
            get(http, port, random.nextInt(DeliverySeeder.TEAMS), week);
            single[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(single);
        List<Double> allTeams = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            LocalDate week = start.plusWeeks(10 + round * 5);
            long t0 = System.nanoTime();
            for (int team = 0; team < DeliverySeeder.TEAMS; team++) {
                get(http, port, team, week);
            }
            allTeams.add((System.nanoTime() - t0) / 1e6);
        }
        allTeams.sort(Double::compare);
        double median = single[samples / 2];
        double allMedian = allTeams.get(allTeams.size() / 2);
        System.out.printf("BENCH one team-week scorecard over HTTP: median %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms (%d samples)%n", median, single[(int) Math.ceil(0.9 * samples) - 1],
                single[(int) Math.ceil(0.99 * samples) - 1], single[samples - 1], samples);
        System.out.printf("BENCH all %d teams' weekly scorecards, sequential: median %.0f ms, max %.0f ms "
                + "(%d rounds)%n", DeliverySeeder.TEAMS, allMedian, allTeams.get(allTeams.size() - 1), allTeams.size());
        assertTrue(median < 50, "one team-week median " + median + " ms");
        assertTrue(allMedian < 3000, "all teams " + allMedian + " ms");
    }

    private static void get(HttpClient http, int port, int team, LocalDate week) throws Exception {
        String id = String.format("bench-%03d", team);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/teams/" + id
                + "/scorecard?from=" + week + "&to=" + week.plusWeeks(1)))
                .header("Authorization", "Bearer test-read-token").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"merged_prs\"")) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
    }
}
