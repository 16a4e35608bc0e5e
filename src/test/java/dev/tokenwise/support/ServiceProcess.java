package dev.tokenwise.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, for the integration
 * tests (failsafe, {@code *IT}) that stop it the way it fails: started with an environment and waited for until
 * ready, killed with SIGKILL, started again on the same database. Each instance has a fresh working directory (the
 * H2 database lives there; so do the service's logs, one file per start), deleted after a test that passed and kept
 * after one that failed.
 * <p>
 * Runs on the database the jar was built for ({@code tokenwise.it.db-kind}): on H2 the service's own default URL in
 * the working directory; on PostgreSQL a database of its own per test ({@link #databaseEnv(String)}).
 */
public final class ServiceProcess {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The service's own H2 settings, for reading its database once it has stopped. */
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final String owner;
    private final String ingestToken;
    private final String adminToken;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String dbKind = System.getProperty("tokenwise.it.db-kind", "h2");
    private Process service;
    private int port;
    private int starts;

    /**
     * @param owner the test's name, in messages
     * @param workPrefix the working directory's name starts with it
     */
    public ServiceProcess(String owner, String workPrefix, String ingestToken, String adminToken)
            throws IOException {
        this.owner = owner;
        this.ingestToken = ingestToken;
        this.adminToken = adminToken;
        Path target = Path.of(System.getProperty("tokenwise.it.work-root", "target"));
        Files.createDirectories(target);
        workDir = Files.createTempDirectory(target.toAbsolutePath(), workPrefix);
    }

    /** {@code h2} or {@code postgresql}: what the jar was built for. */
    public String dbKind() {
        return dbKind;
    }

    public boolean h2() {
        return dbKind.equals("h2");
    }

    /** How many times the service was started: its current (or last) start's number. */
    public int starts() {
        return starts;
    }

    public void start(Map<String, String> env) throws Exception {
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
        pb.environment().put("TOKENWISE_INGEST_TOKEN", ingestToken);
        pb.environment().put("TOKENWISE_ADMIN_TOKEN", adminToken);
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
    public void killNine() throws InterruptedException {
        service.destroyForcibly();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not die");
        assertEquals(128 + 9, service.exitValue(), "exit status of a process ended by SIGKILL");
    }

    /** SIGTERM, a graceful stop; SIGKILL if it has not stopped within a minute. */
    public void stop() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The path on the running service. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The last 40 lines the current (or last) start logged. */
    public String log() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("service-" + starts + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * H2 (the default build): nothing, the service's own default URL and a fresh working directory. PostgreSQL: a
     * database of its own, named after the test database plus {@code suffix} (e.g. {@code _kill_nine}) so that
     * parallel builds on one server and the ITs of one build do not meet, dropped and created anew.
     */
    public Map<String, String> databaseEnv(String suffix) throws SQLException {
        Map<String, String> env = new LinkedHashMap<>();
        if (h2()) {
            return env;
        }
        String testUrl = System.getProperty("tokenwise.test.jdbc-url");
        String user = System.getProperty("tokenwise.test.username");
        int slash = testUrl.lastIndexOf('/');
        int query = testUrl.indexOf('?', slash);
        String testDb = testUrl.substring(slash + 1, query < 0 ? testUrl.length() : query);
        String db = testDb + suffix;
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

    /**
     * A connection to the service's database, as {@link #databaseEnv(String)} made it. On H2 the file is the
     * process's own while it runs: call this after {@link #stop()} only.
     */
    public Connection connect(Map<String, String> env) throws SQLException {
        if (h2()) {
            assertTrue(service == null || !service.isAlive(), "H2's file is the running service's");
            return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data").resolve("tokenwise")
                    + H2_SETTINGS, "sa", "");
        }
        return DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                env.get("QUARKUS_DATASOURCE_USERNAME"), null);
    }

    /** Ends a service still running; deletes the working directory if the test passed, else says where it is. */
    public void cleanUp(boolean passed) throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (passed) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else {
            System.err.println(owner + ": service logs kept in " + workDir);
        }
    }
}
