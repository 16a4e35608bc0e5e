package dev.tokenwise.bench;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import dev.tokenwise.alerts.AlertEvaluator;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamUpdate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One full alert evaluation over 100 teams and the rollups of ~10 million usage events (PostgreSQL only).
 * Seeds usage_hourly / usage_session_hourly directly with COPY (once; kept across runs) into the database given:
 *
 * <pre>
 * createdb -h 127.0.0.1 -U postgres tw_alerts_bench
 * ./mvnw -B test -Ppostgresql -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/tw_alerts_bench \
 *     -Dquarkus.flyway.clean-at-start=false -Dtokenwise.alerts.day-cache-refresh=5m \
 *     -Dtokenwise.alerts.day-cache-full-refresh=5m -Dtest=AlertEvaluationBench
 * </pre>
 *
 * Shape: 100 teams in 4 time zones, 36 days of hours, 60 rollup rows per team-hour with 1 or 3 events each
 * (10.4 M events in 5.2 M usage_hourly rows), 15 session rows per team-hour (1.3 M rows); every team has an envelope
 * and a coding envelope, every tenth team a spike today and a runaway session.
 */
@QuarkusTest
class AlertEvaluationBench {

    static final int TEAMS = 100;
    static final Instant NOW = Instant.parse("2027-02-20T12:00:00Z");
    static final Instant FIRST = Instant.parse("2027-01-15T00:00:00Z");
    static final String[] ZONES = { "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata" };
    static final String[] WORKFLOWS = { "coding", "testing", "migration", "review", "docs", "triage", "other" };
    static final String[] MODELS = { "claude-sonnet-4-5", "claude-opus-4-1", "gpt-5" };
    static final String[] TOOLS = { "claude-code", "codex" };
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssX").withZone(ZoneOffset.UTC);

    @Inject
    DataSource ds;

    @Inject
    TeamService teams;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void oneFullEvaluationOver100TeamsAnd10MillionEvents() throws Exception {
        clock.set(NOW);
        seed();
        for (int run = 1; run <= 6; run++) {
            // Fresh alert state and an empty day cache for the first run: the real work of a first evaluation
            // (every settled day computed from the rollup, alerts queued). Later runs are the steady state.
            if (run == 1) {
                exec("DELETE FROM alert_event WHERE team_id LIKE 'bench-%'",
                        "DELETE FROM budget_alert_state WHERE team_id LIKE 'bench-%'",
                        "DELETE FROM outbox_message WHERE team_id LIKE 'bench-%'",
                        "DELETE FROM spend_day WHERE team_id LIKE 'bench-%'");
            }
            if (run > 1) {
                // Five minutes apart, like the schedule; with day-cache-refresh=5m every run also refreshes the
                // day cache of a twelfth of the teams, the steady state's worst case.
                clock.advance(java.time.Duration.ofMinutes(5));
            }
            long t0 = System.nanoTime();
            AlertEvaluator.Result r = evaluator.evaluate();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("BENCH alert evaluation run %d: %d teams, %d ms, queued %s%n", run, r.teams(), ms,
                    r.queued());
        }
    }

    private void exec(String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private void seed() throws SQLException, IOException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(events), 0) FROM usage_hourly "
                    + "WHERE team_id LIKE 'bench-%'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    System.out.printf("BENCH reusing %d usage_hourly rows (%d events)%n", rs.getLong(1), rs.getLong(2));
                    return;
                }
            }
        }
        for (int t = 0; t < TEAMS; t++) {
            teams.put(team(t), new TeamUpdate("C-BENCH-" + t, null, ZONES[t % ZONES.length], null, null, null,
                    new BigDecimal("12000"), Map.of("coding", new BigDecimal("3000")), null), "bench");
        }
        long t0 = System.nanoTime();
        int hours = (int) ChronoUnit.HOURS.between(FIRST, NOW.truncatedTo(ChronoUnit.HOURS)) + 1;
        Instant todayStart = NOW.truncatedTo(ChronoUnit.DAYS);
        try (Connection c = ds.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long events = 0;
            for (int t = 0; t < TEAMS; t++) {
                StringBuilder sb = new StringBuilder(6_000_000);
                for (int h = 0; h < hours; h++) {
                    Instant bucket = FIRST.plus(h, ChronoUnit.HOURS);
                    boolean spike = t % 10 == 0 && !bucket.isBefore(todayStart);
                    String ts = TS.format(bucket);
                    for (int k = 0; k < 60; k++) {
                        int combo = (h * 7 + k * 5) % 336; // 336 = 7 workflows × 3 models × 2 tools × 4 repos × 2
                        String wf = WORKFLOWS[combo % 7];
                        int ev = (k % 2 == 0) ? 1 : 3;
                        events += ev;
                        double cost = 0.12 * ev * (spike && wf.equals("coding") ? 20 : 1);
                        sb.append(team(t)).append('\t').append(ts).append('\t').append(wf).append('\t')
                                .append(MODELS[combo / 7 % 3]).append('\t').append(TOOLS[combo / 21 % 2]).append('\t')
                                .append("org/repo-").append(combo / 42 % 4).append('\t')
                                .append(combo / 168 % 2 == 0 ? "f" : "t").append('\t').append(ev).append('\t')
                                .append(cost).append("\t1000\t200\t0\t300\t50\t0\n");
                    }
                }
                copy.copyIn("COPY usage_hourly (team_id, bucket_start, workflow, model, tool, repo, attributed, events, "
                        + "cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, "
                        + "reasoning_tokens, unpriced_events) FROM STDIN", new StringReader(sb.toString()));
                sb.setLength(0);
                for (int h = 0; h < hours; h++) {
                    Instant bucket = FIRST.plus(h, ChronoUnit.HOURS);
                    for (int k = 0; k < 15; k++) {
                        String session = team(t) + "-s" + (h / 3) + "-" + k;
                        boolean runaway = t % 10 == 0 && k == 0 && h >= hours - 3;
                        sb.append(session).append('\t').append(TS.format(bucket)).append('\t').append(team(t))
                                .append('\t').append(WORKFLOWS[k % 7]).append('\t').append(MODELS[k % 3]).append('\t')
                                .append(TOOLS[k % 2]).append('\t').append("org/repo-").append(k % 4).append("\t8\t")
                                .append(runaway ? 30.0 : 0.9).append('\t').append(TS.format(bucket.plusSeconds(60)))
                                .append('\t').append(TS.format(bucket.plusSeconds(3500))).append('\n');
                    }
                }
                copy.copyIn("COPY usage_session_hourly (session_id, bucket_start, team_id, workflow, model, tool, repo, "
                        + "events, cost_usd, first_at, last_at) FROM STDIN", new StringReader(sb.toString()));
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE usage_hourly");
                s.execute("ANALYZE usage_session_hourly");
            }
            System.out.printf("BENCH seeded %d events in %d s%n", events, (System.nanoTime() - t0) / 1_000_000_000);
        }
    }

    private static String team(int t) {
        return String.format("bench-%03d", t);
    }

    static List<String> zones() {
        return List.of(ZONES);
    }
}
