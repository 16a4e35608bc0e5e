package dev.tokenwise.pulse;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.digest.DigestService;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.CapturedLogs;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The team pulse end to end (docs/contract.md §9.9): posted once on its day, answered by signed clicks, anonymous by
 * construction (no Slack user id in any table's text or in the log), a double click counted once, a change replacing
 * the earlier answer, results only from {@code min_contributors} answers, tokens deleted when the week closes.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class TeamPulseTest {

    private static final String TEAM = "pl-pulse";
    private static final String CHANNEL = "C0PLPULSE";
    private static final String WEEK = "2026-11-16";
    /** Every user id of this test starts with this, so one LIKE finds any of them. */
    private static final String USER = "U0PLSECRET";

    @Inject
    MutableClock clock;

    @Inject
    PulseScheduler scheduler;

    @Inject
    PulseCloser closer;

    @Inject
    DigestService digests;

    @Inject
    Db db;

    private final AtomicInteger hooks = new AtomicInteger();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A signed click by {@code user}; returns the private reply sent to the user through response_url. */
    private String click(String question, int score, String user) {
        String hook = "actions/pulse-" + hooks.incrementAndGet();
        String body = SlackRequests.blockActionBody("tokenwise_pulse_" + question + "_" + score, TEAM + "|" + WEEK,
                CHANNEL, USER + user, "1700000000.000900", "trig-" + hooks.get(), FakeSlack.INSTANCE.hookUrl(hook));
        SlackRequests.post(body, clock.instant()).then().statusCode(200);
        Await.until("reply to " + hook, () -> !FakeSlack.INSTANCE.calls("/hooks/" + hook).isEmpty());
        return FakeSlack.INSTANCE.calls("/hooks/" + hook).get(0).body();
    }

    private JsonPath pulse() {
        return Api.reader().get("/api/teams/" + TEAM + "/scorecard?from=2026-11-16&to=2026-11-23").then()
                .statusCode(200).extract().jsonPath().setRootPath("pulse");
    }

    /** Every text column of every table, searched for the test's user ids. */
    private List<String> columnsHoldingAUserId() {
        List<String[]> columns = db.newTransaction(() -> db.list("SELECT table_name, column_name FROM "
                + "information_schema.columns WHERE LOWER(table_schema) = 'public' AND UPPER(data_type) IN "
                + "('CHARACTER VARYING', 'TEXT', 'CHARACTER', 'CHARACTER LARGE OBJECT')",
                rs -> new String[] { rs.getString(1), rs.getString(2) }));
        assertTrue(columns.size() > 50, "the scan sees the schema: " + columns.size());
        List<String> hits = new ArrayList<>();
        for (String[] c : columns) {
            long n = db.newTransaction(() -> db.one("SELECT COUNT(*) FROM " + c[0] + " WHERE " + c[1] + " LIKE ?",
                    rs -> rs.getLong(1), "%" + USER + "%").orElseThrow());
            if (n > 0) {
                hits.add(c[0] + "." + c[1]);
            }
        }
        return hits;
    }

    @Test
    void thePulseIsAnonymousCountsEachPersonOnceAndShowsResultsFromKAnswers() {
        Api.team("pl-off", "{\"channel\":\"C0PLOFF\",\"timezone\":\"UTC\"}");
        Api.admin().post("/api/admin/teams/pl-off/pulse").then().statusCode(409)
                .contentType("application/problem+json");
        Api.admin().body("{\"pulse_day\":\"FUNDAY\"}").put("/api/admin/teams/pl-bad").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("pulse_day")));
        Api.admin().body("{\"pulse_time\":\"25:00\"}").put("/api/admin/teams/pl-bad").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("pulse_time")));
        Api.admin().get("/api/admin/teams/pl-bad").then().statusCode(404);
        Api.team(TEAM, "{\"channel\":\"" + CHANNEL + "\",\"timezone\":\"UTC\",\"pulse\":true}");
        Api.admin().get("/api/admin/teams/" + TEAM).then().statusCode(200).body("pulse", equalTo(true))
                .body("pulse_day", equalTo("THURSDAY")).body("pulse_time", equalTo("15:00"));

        List<String> logged;
        CapturedLogs captured = CapturedLogs.start();

        // Thursday 19 Nov: not before 15:00, once after it.
        clock.set("2026-11-19T14:59:00Z");
        assertEquals(0, scheduler.dispatch());
        clock.set("2026-11-19T15:01:00Z");
        assertEquals(1, scheduler.dispatch());
        assertEquals(0, scheduler.dispatch());
        Api.admin().post("/api/admin/teams/" + TEAM + "/pulse").then().statusCode(200)
                .body("status", equalTo("ALREADY_QUEUED"));
        String blocks = db.newTransaction(() -> db.one("SELECT blocks_json FROM outbox_message WHERE dedup_key = ?",
                rs -> rs.getString(1), "pulse:" + TEAM + ":" + WEEK).orElseThrow());
        for (int s = 1; s <= 5; s++) {
            assertTrue(blocks.contains("\"action_id\":\"tokenwise_pulse_confidence_" + s + "\""), blocks);
            assertTrue(blocks.contains("\"action_id\":\"tokenwise_pulse_review_load_" + s + "\""), blocks);
        }
        assertTrue(blocks.contains("How confident were you in the AI-assisted changes you reviewed or merged this "
                + "week?"), blocks);

        try {
            assertTrue(click("confidence", 4, "A").contains("recorded anonymously: confidence 4/5"));
            assertTrue(click("confidence", 4, "A").contains("already confidence 4/5"), "a double click counts once");
            click("review_load", 2, "A");
            click("confidence", 2, "B");
            // Two people answered, k is 3: no figures.
            JsonPath two = pulse();
            assertEquals(WEEK, two.getString("week_start"));
            assertNull(two.get("responses"));
            assertNull(two.get("confidence"));
            assertTrue(two.getString("withheld_reason").startsWith("Fewer than 3 people answered"));
            assertTrue(click("confidence", 5, "B").contains("recorded anonymously: confidence 5/5"), "a change");
            click("confidence", 3, "C");
            click("review_load", 4, "C");
        } finally {
            captured.close();
        }
        logged = captured.lines();
        JsonPath three = pulse();
        assertEquals(3, three.getInt("responses"));
        assertNull(three.get("withheld_reason"));
        assertEquals(4.0, three.getDouble("confidence.mean"));
        assertEquals(List.of(0, 0, 1, 1, 1), three.getList("confidence.distribution"));
        assertEquals(3.0, three.getDouble("review_load.mean"));
        assertEquals(List.of(0, 1, 0, 1, 0), three.getList("review_load.distribution"));

        assertTrue(logged.stream().anyMatch(l -> l.contains("Queued the pulse of team " + TEAM)),
                "the capture sees the service's log: " + logged);
        assertEquals(List.of(), logged.stream().filter(l -> l.contains(USER)).toList());
        assertEquals(List.of(), columnsHoldingAUserId());
        assertEquals(3L, db.newTransaction(() -> db.one("SELECT COUNT(*) FROM pulse_token WHERE team_id = ?",
                rs -> rs.getLong(1), TEAM).orElseThrow()));

        // The week closes: the tokens go, the counts stay, later clicks are refused.
        clock.set("2026-11-23T00:00:00Z");
        assertTrue(closer.close() >= 3);
        assertEquals(0L, db.newTransaction(() -> db.one("SELECT COUNT(*) FROM pulse_token WHERE team_id = ?",
                rs -> rs.getLong(1), TEAM).orElseThrow()));
        assertTrue(click("confidence", 1, "D").contains("has closed"));
        assertEquals(List.of(0, 0, 1, 1, 1), pulse().getList("confidence.distribution"));

        // The next digest's Sustainability section carries the results.
        clock.advance(Duration.ofHours(10));
        Api.admin().post("/api/admin/teams/" + TEAM + "/digest").then().statusCode(202);
        String text = db.newTransaction(() -> db.one("SELECT text FROM outbox_message WHERE dedup_key = ?",
                rs -> rs.getString(1), "digest:" + TEAM + ":" + WEEK).orElseThrow());
        assertTrue(text.contains("• Team pulse (week of 16–22 Nov 2026, 3 answers): confidence in AI-assisted changes "
                + "4.0/5 [0, 0, 1, 1, 1] · review load 3.0/5 [0, 1, 0, 1, 0]"), text);
    }
}
