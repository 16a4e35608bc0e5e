package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.digest.DigestOutcome;
import dev.tokenwise.digest.DigestService;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import dev.tokenwise.team.TeamUpdate;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Composing and queuing the weekly digests of 100 teams over 10 million usage events takes under 5 s in total.
 * The events are seeded directly as hourly rollups (usage_hourly: 100 teams x 13 weeks x 24 h x 4 workflow/model
 * rows, whose event counts sum to 10,000,000), which is what every figure reads. Excluded from normal runs:
 * <pre>
 * ./mvnw test -Ppostgresql -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/tw_digest_bench \
 *     -Dtest=DigestBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
class DigestBenchmark {

    static final int TEAMS = 100;
    static final long EVENTS = 10_000_000L;
    static final int DAYS = 91;
    static final String[][] SERIES = { { "coding", "claude-sonnet-4-5" }, { "review", "claude-sonnet-4-5" },
            { "testing", "gpt-4o" }, { "docs", "claude-haiku-4-5" } };

    @Inject
    DigestService digests;

    @Inject
    TeamService teams;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void digestsOfAHundredTeamsOverTenMillionEvents() throws Exception {
        Instant end = Instant.parse("2026-11-16T00:00:00Z");
        List<TeamSettings> all = new ArrayList<>();
        for (int t = 0; t < TEAMS; t++) {
            all.add(teams.put(String.format("bench-%03d", t), new TeamUpdate("C0BENCH" + t, null, "UTC", null, null,
                    null, null, null, null), "bench"));
        }
        long seeded = seed(end.minus(Duration.ofDays(DAYS)), end);
        assertEquals(EVENTS, seeded);

        clock.set(end.plus(Duration.ofHours(9)));
        long start = System.nanoTime();
        int queued = 0;
        for (TeamSettings team : all) {
            if (digests.postLastCompleteWeek(team, "bench").status() == DigestOutcome.Status.QUEUED) {
                queued++;
            }
        }
        long weeklyMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        for (TeamSettings team : all) {
            digests.preview(team);
        }
        long previewMs = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("BENCH digest: %d teams, %,d events in %,d usage_hourly rows: weekly digests composed and "
                + "queued in %d ms (%d queued); previews in %d ms%n", TEAMS, seeded, rows(), weeklyMs, queued,
                previewMs);
        assertEquals(TEAMS, queued);
        assertTrue(weeklyMs < 5_000, "weekly digests took " + weeklyMs + " ms");
    }

    /** Hourly rollup rows for every team, hour and series; the event counts sum to exactly {@link #EVENTS}. */
    private long seed(Instant from, Instant to) throws Exception {
        long hours = ChronoUnit.HOURS.between(from, to);
        long rows = TEAMS * hours * SERIES.length;
        long base = EVENTS / rows;
        long extra = EVENTS % rows;
        long total = 0;
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_hourly (team_id, bucket_start, workflow, "
                    + "model, tool, repo, attributed, events, cost_usd, input_tokens, cached_input_tokens, "
                    + "cache_write_tokens, output_tokens, reasoning_tokens, unpriced_events) "
                    + "VALUES (?, ?, ?, ?, 'claude-code', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (int t = 0; t < TEAMS; t++) {
                    String team = String.format("bench-%03d", t);
                    for (long h = 0; h < hours; h++) {
                        Timestamp bucket = Timestamp.from(from.plus(Duration.ofHours(h)));
                        for (int s = 0; s < SERIES.length; s++) {
                            long events = base + (n++ < extra ? 1 : 0);
                            total += events;
                            ps.setString(1, team);
                            ps.setTimestamp(2, bucket);
                            ps.setString(3, SERIES[s][0]);
                            ps.setString(4, SERIES[s][1]);
                            ps.setString(5, "acme/" + team);
                            ps.setBoolean(6, s % 2 == 0);
                            ps.setLong(7, events);
                            ps.setDouble(8, events * 0.021);
                            ps.setLong(9, events * 1_200);
                            ps.setLong(10, events * 9_000);
                            ps.setLong(11, events * 300);
                            ps.setLong(12, events * 800);
                            ps.setLong(13, events * 150);
                            ps.addBatch();
                            if (n % 5_000 == 0) {
                                ps.executeBatch();
                            }
                        }
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return total;
    }

    private long rows() throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM usage_hourly WHERE team_id LIKE 'bench-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
