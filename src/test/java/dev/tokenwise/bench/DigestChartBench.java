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

import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.digest.DigestOutcome;
import dev.tokenwise.digest.DigestService;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.DigestChart;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The weekly digests of the 100 seeded teams with their 12-week charts (docs/contract.md §9.8) composed and queued in
 * under 5 s in total, on the shared seed ({@link BenchSeed}), clock Monday 2026-01-05 09:00 UTC like
 * {@link DigestBenchmark}. Also reports the chart's own parts: the 12 weeks' figures of every team (read at once per
 * figure) and the PNG rendering. Run with {@code bench/run digest-chart}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class DigestChartBench {

    static final int TEAMS = 100;

    @Inject
    DigestService digests;

    @Inject
    ScorecardService scorecards;

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
    void digestsWithChartsOfAHundredTeams() throws Exception {
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
        long totalMs = (System.nanoTime() - start) / 1_000_000;

        // The chart's parts on their own, for the record.
        start = System.nanoTime();
        List<List<ScorecardService.WeekFigures>> weeks = new ArrayList<>();
        for (TeamSettings team : all) {
            weeks.add(scorecards.weeks(team, DigestService.weeksUpTo(digests.lastCompleteWeek(team))));
        }
        long weeksMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        long bytes = 0;
        for (int t = 0; t < TEAMS; t++) {
            Period last = digests.lastCompleteWeek(all.get(t));
            bytes += DigestChart.render(new DigestInput(all.get(t).id(), "C0BENCH", null, null, false, null, 3,
                    null, weeks.get(t)), DigestService.dedupKey(all.get(t).id(), last.from())).content().length;
        }
        long renderMs = (System.nanoTime() - start) / 1_000_000;

        long files = count("SELECT count(*) FROM outbox_file f JOIN outbox_message m ON m.id = f.message_id "
                + "WHERE m.kind = 'digest' AND m.team_id LIKE 'bench-t%'");
        System.out.printf("BENCH digest-chart: %d teams, %,d events: weekly digests with charts composed and queued "
                + "in %d ms (%d queued, %d charts); of which 12 weeks of figures for all teams %d ms and %d PNGs "
                + "rendered in %d ms (%,d bytes on average)%n", TEAMS, BenchSeed.SPEC.events(), totalMs, queued, files,
                weeksMs, TEAMS, renderMs, bytes / TEAMS);
        assertEquals(TEAMS, queued);
        assertEquals(TEAMS, files);
        assertTrue(totalMs < 5_000, "weekly digests with charts took " + totalMs + " ms");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
