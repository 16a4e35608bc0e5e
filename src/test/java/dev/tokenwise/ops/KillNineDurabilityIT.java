package dev.tokenwise.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * PostgreSQL a database of its own next to the test database, recreated each run.
 */
class KillNineDurabilityIT {

    private static final String INGEST_TOKEN = "kill-nine-ingest";
    private static final String ADMIN_TOKEN = "kill-nine-admin";
    private static final String TEAM = "kill-nine";
    /** Events of stage 1, sent as {@link #BATCHES} batches one right after the other. */
    private static final int BATCHED = 100;
    private static final int BATCHES = 4;
    private static final int SINGLES = 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The service's own H2 settings without WRITE_DELAY=0, as in a URL written before it was needed. */
    private static final String H2_URL_WITHOUT_WRITE_DELAY = "jdbc:h2:file:./data/tokenwise;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String dbKind = System.getProperty("tokenwise.it.db-kind", "h2");
    private Path workDir;
    private Process service;
    private int port;
    private int starts;
    private boolean passed;

    @BeforeEach
    void workDir() throws IOException {
        Path target = Path.of(System.getProperty("tokenwise.it.work-root", "target"));
        Files.createDirectories(target);
        workDir = Files.createTempDirectory(target.toAbsolutePath(), "kill-nine-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (passed) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else {
            System.err.println("KillNineDurabilityIT: service logs kept in " + workDir);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Map<String, String> env = databaseEnv();
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
        start(env);
        HttpResponse<String> team = send(HttpRequest.newBuilder(uri("/api/admin/teams/" + TEAM))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timezone\":\"UTC\"}")));
        assertEquals(201, team.statusCode(), team.body());
        int size = BATCHED / BATCHES;
        for (int from = 0; from < BATCHED; from += size) {
            assertIngested(ingest(array(batched.subList(from, from + size))), size, 0);
        }
        killNine();

        // 2: the batches are all there; then single-event requests, SIGKILL right after the last answer.
        Map<String, String> ownUrl = new LinkedHashMap<>(env);
        if (dbKind.equals("h2")) {
            ownUrl.put("QUARKUS_DATASOURCE_JDBC_URL", H2_URL_WITHOUT_WRITE_DELAY);
        }
        start(ownUrl);
        assertScorecard(BATCHED);
        assertIngested(ingest(array(batched)), 0, BATCHED);
        for (String single : singles) {
            assertIngested(ingest(single), 1, 0);
        }
        killNine();

        // 3: batches and singles are all there, each stored once.
        start(ownUrl);
        assertScorecard(BATCHED + SINGLES);
        assertIngested(ingest(array(singles)), 0, SINGLES);
        assertIngested(ingest(array(batched)), 0, BATCHED);
        stop();
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
                "total_usd after start " + starts + ": " + cost);
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
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void start(Map<String, String> env) throws Exception {
        starts++;
        port = freePort();
        Path jar = Path.of(System.getProperty("tokenwise.it.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), "no packaged service at " + jar + " (run after package)");
        // The client compiler and the serial collector halve the start on a busy 2-core host; what is tested (when a
        // commit reaches the file) does not depend on either.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString());
        pb.directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("TOKENWISE_INGEST_TOKEN", INGEST_TOKEN);
        pb.environment().put("TOKENWISE_ADMIN_TOKEN", ADMIN_TOKEN);
        pb.redirectErrorStream(true);
        pb.redirectOutput(workDir.resolve("service-" + starts + ".log").toFile());
        service = pb.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                fail("the service exited with " + service.exitValue() + " during start " + starts + ":\n" + log());
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/q/health/ready")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens a moment after the process starts
            }
            Thread.sleep(200);
        }
        fail("the service was not ready within " + START_TIMEOUT + " (start " + starts + "):\n" + log());
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook runs, nothing is closed. */
    private void killNine() throws InterruptedException {
        service.destroyForcibly();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not die");
        assertEquals(128 + 9, service.exitValue(), "exit status of a process ended by SIGKILL");
    }

    private void stop() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("service-" + starts + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * H2 (the default build): nothing, the service's own default URL and a fresh working directory. PostgreSQL: a
     * database of its own, named after the test database so that parallel builds on one server do not meet,
     * dropped and created anew.
     */
    private Map<String, String> databaseEnv() throws SQLException {
        Map<String, String> env = new LinkedHashMap<>();
        if (dbKind.equals("h2")) {
            return env;
        }
        String testUrl = System.getProperty("tokenwise.test.jdbc-url");
        String user = System.getProperty("tokenwise.test.username");
        int slash = testUrl.lastIndexOf('/');
        int query = testUrl.indexOf('?', slash);
        String testDb = testUrl.substring(slash + 1, query < 0 ? testUrl.length() : query);
        String db = testDb + "_kill_nine";
        try (Connection c = DriverManager.getConnection(testUrl, user, null);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + db + "\"");
        }
        env.put("QUARKUS_DATASOURCE_JDBC_URL", testUrl.substring(0, slash + 1) + db
                + (query < 0 ? "" : testUrl.substring(query)));
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        return env;
    }
}
