package dev.tokenwise.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.common.Figures;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.outbox.OutboxSender;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.render.DigestChart;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The digest's chart end to end with the console adapter: twelve weeks of real usage and merged PRs (one week withheld
 * for privacy), the weekly figures read at once equal each week's own scorecard, the alt text states them, the PNG
 * is written under the files directory by the outbox entry's name and served by the admin API.
 */
@QuarkusTest
class DigestChartFiguresTest {

    private static final String TEAM = "dgc-chart";
    private static final String REPO = "acme/dgc-chart";
    /** Monday 16 Nov 2026: the last complete week is 9–16 Nov, the chart's first week 24 Aug. */
    private static final String NOW = "2026-11-16T10:00:00Z";
    private static final LocalDate FIRST = LocalDate.of(2026, 8, 24);
    private static final int WITHHELD = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    @Inject
    MutableClock clock;

    @Inject
    ScorecardService scorecards;

    @Inject
    TeamService teams;

    @Inject
    OutboxSender sender;

    @Inject
    Db db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void usage(String id, LocalDate day, String actor, String workflow, String cost) {
        String json = "{\"id\":\"" + id + "\",\"timestamp\":\"" + day + "T10:00:00Z\",\"repo\":\"" + REPO
                + "\",\"workflow\":\"" + workflow + "\",\"model\":\"claude-sonnet-4-5\",\"cost_usd\":" + cost
                + ",\"actor\":\"" + actor + "\"}";
        Api.ingest().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/usage").then().statusCode(202);
    }

    private static void merged(long id, String author, LocalDate day) {
        String at = day + "T15:00:00Z";
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-closed-merged", "closed", REPO, id,
                (int) id, author, "Change", day + "T08:00:00Z", at, at, "m" + id)).then().statusCode(202);
    }

    private void seed() {
        Api.team(TEAM, "{\"channel\":\"C0DGCHART\",\"timezone\":\"UTC\"}");
        Api.repo(REPO, TEAM);
        String[] people = { "ann", "bob", "cid" };
        for (int w = 0; w < 12; w++) {
            LocalDate monday = FIRST.plusWeeks(w);
            int n = w == WITHHELD ? 2 : 3;
            for (int p = 0; p < n; p++) {
                usage("dgc-" + w + "-" + p, monday.plusDays(p), people[p], "coding", (w + 1) + "." + (p + 1) + "3");
            }
            usage("dgc-" + w + "-docs", monday.plusDays(4), people[0], "docs", "0.25");
            for (int pr = 0; pr < (w == WITHHELD ? 0 : w % 3 + 1); pr++) {
                merged(77_000 + w * 10L + pr, people[pr], monday.plusDays(pr + 1));
            }
        }
    }

    @Test
    void theChartsWeeksAreTheirScorecardsAndItsPngIsWrittenAndServed() throws Exception {
        clock.set(NOW);
        seed();
        TeamSettings team = teams.require(TEAM);
        List<Period> weeks = DigestService.weeksUpTo(new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16),
                ZoneOffset.UTC));
        assertEquals(FIRST, weeks.get(0).from());
        List<ScorecardService.WeekFigures> figures = scorecards.weeks(team, weeks);
        assertEquals(12, figures.size());
        StringBuilder expectedWeeks = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            Scorecard card = scorecards.scorecard(team, weeks.get(i));
            ScorecardService.WeekFigures w = figures.get(i);
            assertEquals(weeks.get(i), w.period());
            assertEquals(i == WITHHELD, card.withheld(), "week " + i);
            assertEquals(card.withheld(), w.withheld(), "week " + i);
            String day = DAY.format(weeks.get(i).from());
            if (card.withheld()) {
                assertNull(w.costUsd());
                assertNull(w.mergedPrs());
                expectedWeeks.append(i == 0 ? "" : "; ").append(day).append(" withheld");
                continue;
            }
            assertEquals(card.cost().totalUsd(), w.costUsd(), "cost of week " + i);
            assertEquals(card.delivery().mergedPrs(), w.mergedPrs(), "merged PRs of week " + i);
            assertEquals(card.delivery().costPerMergedPrUsd(), w.costPerMergedPrUsd(), "cost per PR of week " + i);
            assertEquals(card.cost().byWorkflow(), w.byWorkflow(), "spend by workflow of week " + i);
            expectedWeeks.append(i == 0 ? "" : "; ").append(day).append(' ').append(Figures.usd(card.cost()
                    .totalUsd())).append(", ").append(card.delivery().mergedPrs()).append(" PRs, ")
                    .append(Figures.usd(card.delivery().costPerMergedPrUsd())).append("/PR");
        }
        // From week 2 (three PR authors: enough people without the usage's), the same weeks read the same: the
        // usage's people are read from the first week that needs them (week 3) on.
        assertEquals(figures.subList(2, 12), scorecards.weeks(team, weeks.subList(2, 12)));
        // Spot check of the seed: week 0 is $1.13 + $1.23 + $1.33 + $0.25 over one merged PR.
        assertEquals("$3.94", Figures.usd(figures.get(0).costUsd()));
        assertEquals(1, figures.get(0).mergedPrs());

        Api.admin().post("/api/admin/teams/" + TEAM + "/digest").then().statusCode(202);
        String key = DigestService.dedupKey(TEAM, LocalDate.of(2026, 11, 9));
        String alt = db.newTransaction(() -> db.one("SELECT f.alt_text FROM outbox_file f JOIN outbox_message m ON "
                + "m.id = f.message_id WHERE m.dedup_key = ?", rs -> rs.getString(1), key).orElseThrow());
        assertTrue(alt.startsWith("Chart of team dgc-chart, weeks of 24 Aug – 15 Nov 2026: cost, merged PRs and "
                + "cost per merged PR by week. " + expectedWeeks + ". Spend by workflow: coding $"), alt);

        sender.sendDue();
        JsonPath outbox = Api.admin().queryParam("limit", "1000").get("/api/admin/outbox").then().statusCode(200)
                .extract().jsonPath();
        String entry = "find { it.dedup_key == '" + key + "' }";
        assertEquals("sent", outbox.getString(entry + ".status"));
        assertEquals("digest-dgc-chart-2026-11-09.png", outbox.getString(entry + ".file.name"));
        assertEquals("shared", outbox.getString(entry + ".file.state"));
        assertEquals(alt, outbox.getString(entry + ".file.alt_text"));
        Path written = Path.of("target/test-charts/digest-dgc-chart-2026-11-09.png");
        assertEquals(written.toString(), outbox.getString(entry + ".file.file_id"));
        long id = outbox.getLong(entry + ".id");
        assertEquals("/api/admin/outbox/" + id + "/file", outbox.getString(entry + ".file.content_path"));
        byte[] served = Api.admin().get("/api/admin/outbox/" + id + "/file").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(written), served);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(DigestChart.WIDTH, img.getWidth());
        assertEquals(DigestChart.HEIGHT, img.getHeight());
        // The digest's own text still carries its figures (the chart adds, it does not replace).
        String text = db.newTransaction(() -> db.one("SELECT text FROM outbox_message WHERE dedup_key = ?",
                rs -> rs.getString(1), key).orElseThrow());
        Scorecard last = scorecards.scorecard(team, weeks.get(11));
        assertTrue(text.contains("Cost: *" + Figures.usd(last.cost().totalUsd()) + "*"), text);
        assertTrue(text.contains("Merged PRs: *" + last.delivery().mergedPrs() + "*"), text);
        assertTrue(text.contains("Cost per merged PR: *" + Figures.usd(last.delivery().costPerMergedPrUsd()) + "*"),
                text);
    }

    @Test
    void aMessageWithoutAFileIs404AndABadIdIs400() {
        Api.admin().get("/api/admin/outbox/999999999/file").then().statusCode(404);
        Api.admin().get("/api/admin/outbox/abc/file").then().statusCode(400);
    }
}
