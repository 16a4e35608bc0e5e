package dev.tokenwise.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Periods are exact local days in every zone: an event counts in the local day, week and month it happened in, also
 * where the offset has half or three-quarter hours and across a daylight-saving change. Each event costs a distinct
 * power of two, so a period's total says exactly which events it holds.
 */
@QuarkusTest
class LocalPeriodsTest {

    @Inject
    MutableClock clock;

    @Inject
    RollupRealigner realigner;

    @AfterEach
    void reset() {
        clock.reset();
    }

    /** An event at a local wall-clock time of the zone (the offset in force then), costing {@code usd}. */
    private record At(String local, int usd) {
    }

    private static void ingest(String team, ZoneId zone, List<At> events, String actor) {
        List<String> items = new ArrayList<>();
        for (At e : events) {
            Instant t = LocalDateTime.parse(e.local()).atZone(zone).toInstant();
            items.add("{\"timestamp\":\"" + t + "\",\"team\":\"" + team + "\",\"model\":\"claude-sonnet-4-5\","
                    + "\"cost_usd\":" + e.usd() + (actor == null ? "" : ",\"actor\":\"" + actor + "\"") + "}");
        }
        Api.ingest().contentType(ContentType.JSON).body("[" + String.join(",", items) + "]").post("/ingest/usage")
                .then().statusCode(202);
    }

    private static JsonPath scorecard(String team, String from, String to) {
        return Api.reader().get("/api/teams/" + team + "/scorecard?from=" + from + "&to=" + to).then().statusCode(200)
                .extract().jsonPath();
    }

    private static BigDecimal total(String team, String from, String to) {
        return scorecard(team, from, to).getObject("cost.total_usd", BigDecimal.class);
    }

    private static void assertTotal(long expected, String team, String from, String to) {
        assertEquals(0, BigDecimal.valueOf(expected).compareTo(total(team, from, to)),
                team + " [" + from + ", " + to + ")");
    }

    @Test
    void kolkataWeekDayAndMonthEdges() {
        clock.set("2026-11-28T12:00:00Z");
        ZoneId zone = ZoneId.of("Asia/Kolkata"); // +05:30
        Api.team("lp-kolkata", "{\"timezone\":\"Asia/Kolkata\"}");
        ingest("lp-kolkata", zone, List.of(
                new At("2026-11-15T23:40", 1), // Sunday: the week before
                new At("2026-11-16T00:10", 2), // Monday: first minutes of the week
                new At("2026-11-22T23:40", 4), // Sunday: last minutes of the week
                new At("2026-11-23T00:05", 8), // Monday: the week after
                new At("2026-10-31T23:50", 16), // last minutes of October
                new At("2026-11-01T00:00", 32)), null); // first instant of November
        assertTotal(2 + 4, "lp-kolkata", "2026-11-16", "2026-11-23");
        assertTotal(1, "lp-kolkata", "2026-11-09", "2026-11-16");
        assertTotal(8, "lp-kolkata", "2026-11-23", "2026-11-30");
        assertTotal(4, "lp-kolkata", "2026-11-22", "2026-11-23");
        assertTotal(2, "lp-kolkata", "2026-11-16", "2026-11-17");
        assertTotal(16, "lp-kolkata", "2026-10-01", "2026-11-01");
        assertTotal(1 + 2 + 4 + 8 + 32, "lp-kolkata", "2026-11-01", "2026-12-01");
    }

    @Test
    void kathmanduQuarterHourOffset() {
        clock.set("2026-12-05T12:00:00Z");
        ZoneId zone = ZoneId.of("Asia/Kathmandu"); // +05:45
        Api.team("lp-kathmandu", "{\"timezone\":\"Asia/Kathmandu\"}");
        ingest("lp-kathmandu", zone, List.of(
                new At("2026-11-15T23:50", 1),
                new At("2026-11-16T00:05", 2),
                new At("2026-11-22T23:59", 4),
                new At("2026-11-23T00:00", 8),
                new At("2026-11-30T23:55", 16),
                new At("2026-12-01T00:01", 32)), null);
        assertTotal(2 + 4, "lp-kathmandu", "2026-11-16", "2026-11-23");
        assertTotal(1, "lp-kathmandu", "2026-11-15", "2026-11-16");
        assertTotal(8 + 16, "lp-kathmandu", "2026-11-23", "2026-12-01");
        assertTotal(32, "lp-kathmandu", "2026-12-01", "2026-12-02");
        assertTotal(1 + 2 + 4 + 8 + 16, "lp-kathmandu", "2026-11-01", "2026-12-01");
    }

    @Test
    void adelaideAcrossTheStartOfDaylightSaving() {
        clock.set("2026-11-28T12:00:00Z");
        // 2026-10-04 02:00 ACST (+09:30) became 03:00 ACDT (+10:30): that Sunday has 23 hours.
        ZoneId zone = ZoneId.of("Australia/Adelaide");
        Api.team("lp-adelaide", "{\"timezone\":\"Australia/Adelaide\"}");
        ingest("lp-adelaide", zone, List.of(
                new At("2026-09-27T23:50", 1), // Sunday before the week, +09:30
                new At("2026-09-28T00:10", 2), // Monday, +09:30
                new At("2026-10-04T01:59", 4), // the DST Sunday, before the change
                new At("2026-10-04T03:01", 8), // the DST Sunday, after the change
                new At("2026-10-04T23:50", 16), // its last minutes, +10:30
                new At("2026-10-05T00:10", 32), // next Monday
                new At("2026-09-30T23:45", 64), // last minutes of September
                new At("2026-10-01T00:15", 128)), null); // first of October
        assertTotal(2 + 4 + 8 + 16 + 64 + 128, "lp-adelaide", "2026-09-28", "2026-10-05");
        assertTotal(4 + 8 + 16, "lp-adelaide", "2026-10-04", "2026-10-05");
        assertTotal(1 + 2 + 64, "lp-adelaide", "2026-09-01", "2026-10-01");
        assertTotal(4 + 8 + 16 + 32 + 128, "lp-adelaide", "2026-10-01", "2026-11-01");
    }

    @Test
    void stJohnsAcrossTheEndOfDaylightSaving() {
        clock.set("2026-11-28T12:00:00Z");
        // 2026-11-01 02:00 NDT (-02:30) became 01:00 NST (-03:30): that Sunday has 25 hours.
        ZoneId zone = ZoneId.of("America/St_Johns");
        Api.team("lp-stjohns", "{\"timezone\":\"America/St_Johns\"}");
        ingest("lp-stjohns", zone, List.of(
                new At("2026-10-25T23:50", 1), // Sunday before the week, -02:30
                new At("2026-10-26T00:10", 2), // Monday
                new At("2026-10-31T23:50", 4), // last minutes of October
                new At("2026-11-01T00:10", 8), // first minutes of November (still -02:30)
                new At("2026-11-01T23:50", 16), // last minutes of the 25-hour Sunday, -03:30
                new At("2026-11-02T00:10", 32)), null); // next Monday
        assertTotal(2 + 4 + 8 + 16, "lp-stjohns", "2026-10-26", "2026-11-02");
        assertTotal(8 + 16, "lp-stjohns", "2026-11-01", "2026-11-02");
        assertTotal(1 + 2 + 4, "lp-stjohns", "2026-10-01", "2026-11-01");
        assertTotal(8 + 16 + 32, "lp-stjohns", "2026-11-01", "2026-12-01");
    }

    @Test
    void budgetMonthToDateStartsAtLocalMidnight() {
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        clock.set("2026-11-28T12:00:00Z");
        Api.team("lp-budget", "{\"timezone\":\"Asia/Kolkata\",\"monthly_budget_usd\":1000}");
        ingest("lp-budget", zone, List.of(new At("2026-10-31T23:50", 16), new At("2026-11-01T00:00", 32),
                new At("2026-11-10T10:00", 64)), null);
        clock.set(LocalDateTime.parse("2026-11-10T12:00").atZone(zone).toInstant());
        JsonPath budget = Api.reader().get("/api/teams/lp-budget/budget").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal("96").compareTo(budget.getObject("spent_usd", BigDecimal.class)));
        assertEquals(0, new BigDecimal("904").compareTo(budget.getObject("remaining_usd", BigDecimal.class)));
    }

    /**
     * Usage that arrived before its team was set up was rolled up in UTC hours; once the team is created in
     * Asia/Kolkata its kept events move to Kolkata's hours, sums and contributors alike.
     */
    @Test
    void usageBeforeTheTeamExistedMovesToTheTeamsLocalHours() {
        clock.set("2026-11-28T12:00:00Z");
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        ingest("lp-late", zone, List.of(new At("2026-11-15T23:40", 1)), "p0");
        ingest("lp-late", zone, List.of(new At("2026-11-16T00:10", 2)), "p3");
        ingest("lp-late", zone, List.of(new At("2026-11-18T12:00", 4)), "p1");
        ingest("lp-late", zone, List.of(new At("2026-11-19T12:00", 8)), "p2");
        ingest("lp-late", zone, List.of(new At("2026-11-22T23:40", 16)), "p1");
        ingest("lp-late", zone, List.of(new At("2026-11-23T00:05", 32)), "p2");

        // In UTC, the Monday 00:10 event (18:40 UTC on Sunday) is outside the UTC week: p1 and p2 alone are fewer
        // than min_contributors, so that week is withheld, and the wider period holds all six events.
        Api.team("lp-late", "{\"timezone\":\"UTC\",\"min_contributors\":3}");
        assertTrue(scorecard("lp-late", "2026-11-16", "2026-11-23").getBoolean("withheld"));
        assertTotal(1 + 2 + 4 + 8 + 16 + 32, "lp-late", "2026-11-15", "2026-11-23");

        Api.team("lp-late", "{\"timezone\":\"Asia/Kolkata\"}");
        // The Kolkata week holds p3's first minutes of Monday, p1 and p2: three contributors, 2 + 4 + 8 + 16.
        Await.until("the week is exact in Kolkata", () -> {
            JsonPath card = scorecard("lp-late", "2026-11-16", "2026-11-23");
            return !card.getBoolean("withheld")
                    && new BigDecimal("30").compareTo(card.getObject("cost.total_usd", BigDecimal.class)) == 0;
        });
        assertTotal(1 + 2 + 4 + 8 + 16, "lp-late", "2026-11-15", "2026-11-23");
        // p0 alone in the week before, p2 alone in the week after: withheld, their buckets moved with them.
        assertTrue(scorecard("lp-late", "2026-11-09", "2026-11-16").getBoolean("withheld"));
        assertTrue(scorecard("lp-late", "2026-11-23", "2026-11-30").getBoolean("withheld"));
        assertTotal(1 + 2 + 4 + 8 + 16 + 32, "lp-late", "2026-11-15", "2026-11-24");
        // A second pass moves nothing more.
        assertEquals(0, realigner.realign("lp-late"));
    }

    @Test
    void zoneChangesWithinTheSameHourGridMoveNothing() {
        assertTrue(RollupRealigner.sameHours(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-07-15T00:00:00Z")));
        assertFalse(RollupRealigner.sameHours(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
                Instant.parse("2026-01-15T00:00:00Z")));
        assertFalse(RollupRealigner.sameHours(ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
                Instant.parse("2026-01-15T00:00:00Z")));
        // Negative offsets too: St John's (-03:30 in January) starts its hours at :30 UTC like Kolkata.
        assertTrue(RollupRealigner.sameHours(ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kolkata"),
                Instant.parse("2026-01-15T00:00:00Z")));
        assertTrue(RollupRealigner.sameHours(ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Adelaide"),
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-07-15T00:00:00Z")));
        assertEquals(Duration.ofMinutes(30).getSeconds(),
                Rollups.bucketOf(Instant.parse("2026-11-15T18:40:00Z"), ZoneId.of("Asia/Kolkata")).getEpochSecond()
                        % 3600);
    }
}
