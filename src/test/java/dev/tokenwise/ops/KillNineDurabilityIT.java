package dev.tokenwise.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.support.ServiceProcess;

/**
 * "A 2xx means committed", tested the way it fails: the packaged service ({@code target/quarkus-app}) runs as its
 * own process, acknowledges writes, is killed with SIGKILL right after the last answer (no shutdown hook, no
 * close, nothing flushed), is started again on the same database, and every acknowledged write must be there.
 * <p>
 * Three starts: (1) a team is created and a few batches of events are ingested one right after the other, then the
 * kill; (2) the batches are checked, then single-event requests one after the other, the kill right after the last
 * answer; (3) everything is checked. Writes follow each other closely because that is when H2's delayed write
 * lost them: after an idle moment its background thread writes a commit within about 50 ms, under a stream of
 * commits up to 500 ms later. On H2 starts 2 and 3 use an H2 URL as a user might write it, without
 * {@code WRITE_DELAY=0}, so that the service's own safeguard is tested too.
 * <p>
 * Runs after {@code package} (failsafe) on the database the jar was built for: a fresh H2 directory, or on
 * PostgreSQL a database of its own next to the test database, recreated each run ({@link ServiceProcess}).
 */
class KillNineDurabilityIT {

    private static final String INGEST_TOKEN = "kill-nine-ingest";
    private static final String ADMIN_TOKEN = "kill-nine-admin";
    private static final String TEAM = "kill-nine";
    /** Events of stage 1, sent as {@link #BATCHES} batches one right after the other. */
    private static final int BATCHED = 100;
    private static final int BATCHES = 4;
    private static final int SINGLES = 20;
    /** The service's own H2 settings without WRITE_DELAY=0, as in a URL written before it was needed. */
    private static final String H2_URL_WITHOUT_WRITE_DELAY = "jdbc:h2:file:./data/tokenwise;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final ObjectMapper json = new ObjectMapper();
    private ServiceProcess service;
    private boolean passed;

    @BeforeEach
    void service() throws IOException {
        service = new ServiceProcess("KillNineDurabilityIT", "kill-nine-", INGEST_TOKEN, ADMIN_TOKEN);
    }

    @AfterEach
    void cleanUp() throws Exception {
        service.cleanUp(passed);
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Map<String, String> env = service.databaseEnv("_kill_nine");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<String> batched = new ArrayList<>();
        for (int i = 0; i < BATCHED; i++) {
            batched.add(event("b" + i, at.minusSeconds(i), i));
        }
        List<String> singles = new ArrayList<>();
        for (int i = 0; i < SINGLES; i++) {
            singles.add(event("s" + i, at.minusSeconds(i), BATCHED + i));
        }

        // 1: the team (admin API) and the batches, then SIGKILL as soon as the last batch is answered.
        service.start(env);
        HttpResponse<String> team = send(HttpRequest.newBuilder(uri("/api/admin/teams/" + TEAM))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timezone\":\"UTC\"}")));
        assertEquals(201, team.statusCode(), team.body());
        int size = BATCHED / BATCHES;
        for (int from = 0; from < BATCHED; from += size) {
            assertIngested(ingest(array(batched.subList(from, from + size))), size, 0);
        }
        service.killNine();

        // 2: the batches are all there; then single-event requests, SIGKILL right after the last answer.
        Map<String, String> ownUrl = new LinkedHashMap<>(env);
        if (service.h2()) {
            ownUrl.put("QUARKUS_DATASOURCE_JDBC_URL", H2_URL_WITHOUT_WRITE_DELAY);
        }
        service.start(ownUrl);
        assertScorecard(BATCHED);
        assertIngested(ingest(array(batched)), 0, BATCHED);
        for (String single : singles) {
            assertIngested(ingest(single), 1, 0);
        }
        service.killNine();

        // 3: batches and singles are all there, each stored once.
        service.start(ownUrl);
        assertScorecard(BATCHED + SINGLES);
        assertIngested(ingest(array(singles)), 0, SINGLES);
        assertIngested(ingest(array(batched)), 0, BATCHED);
        service.stop();
        passed = true;
    }

    private static String array(List<String> events) {
        return "[" + String.join(",", events) + "]";
    }

    /** Event {@code n}: cost (n + 1) cents, 1000 + n input and 100 + n output tokens, so every sum is exact. */
    private static String event(String id, Instant at, int n) {
        return "{\"id\":\"kill-nine-" + id + "\",\"timestamp\":\"" + at + "\",\"team\":\"" + TEAM
                + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":" + (1000 + n) + ",\"output_tokens\":"
                + (100 + n) + ",\"cost_usd\":" + new BigDecimal(n + 1).movePointLeft(2) + "}";
    }

    /** The scorecard must count exactly the first {@code n} events: cost, input and output tokens. */
    private void assertScorecard(int n) throws Exception {
        LocalDate day = LocalDate.ofInstant(Instant.now().minus(1, ChronoUnit.HOURS), ZoneOffset.UTC);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/teams/" + TEAM + "/scorecard?from="
                + day.minusDays(2) + "&to=" + day.plusDays(2))).header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode cost = json.readTree(r.body()).path("cost");
        long cents = (long) n * (n + 1) / 2;
        assertEquals(0, new BigDecimal(cents).movePointLeft(2).compareTo(cost.path("total_usd").decimalValue()),
                "total_usd after start " + service.starts() + ": " + cost);
        assertEquals(1000L * n + (long) n * (n - 1) / 2, cost.path("input_tokens").asLong(-1), cost.toString());
        assertEquals(100L * n + (long) n * (n - 1) / 2, cost.path("output_tokens").asLong(-1), cost.toString());
    }

    private void assertIngested(HttpResponse<String> r, int accepted, int duplicates) throws IOException {
        assertEquals(202, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(accepted, body.path("accepted").asInt(-1), r.body());
        assertEquals(duplicates, body.path("duplicates").asInt(-1), r.body());
    }

    private HttpResponse<String> ingest(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/ingest/usage")).header("Authorization", "Bearer " + INGEST_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return service.send(request);
    }

    private URI uri(String path) {
        return service.uri(path);
    }
}
