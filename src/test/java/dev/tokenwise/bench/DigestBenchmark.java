package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Composing and queuing the weekly digests of the 100 seeded teams takes under 5 s in total, on the shared seed
 * ({@link BenchSeed}: 10 million usage events and 200,000 PRs), for the seed's last complete week (clock set to
 * Monday 2026-01-05 09:00 UTC). The teams' earlier bench digests are removed first, so every run queues 100.
 * Run with {@code bench/run digest}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class DigestBenchmark {

    static final int TEAMS = 100;

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
        BenchSeed.ensure(dataSource);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM outbox_message WHERE kind = 'digest' AND team_id LIKE 'bench-t%'");
        }
        List<TeamSettings> all = new ArrayList<>();
        for (int t = 0; t < TEAMS; t++) {
            all.add(teams.require(UsageSeeder.Spec.team(t)));
        }
        clock.set(BenchSeed.SPEC.endInstant().plus(Duration.ofHours(9)));
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
                + "queued in %d ms (%d queued); previews in %d ms%n", TEAMS, BenchSeed.SPEC.events(), rows(), weeklyMs,
                queued, previewMs);
        assertEquals(TEAMS, queued);
        assertTrue(weeklyMs < 5_000, "weekly digests took " + weeklyMs + " ms");
    }

    private long rows() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM usage_hourly WHERE team_id LIKE 'bench-t%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
