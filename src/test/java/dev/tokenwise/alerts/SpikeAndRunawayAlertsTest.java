package dev.tokenwise.alerts;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.outbox.OutboxRows;
import dev.tokenwise.slack.command.SnoozeActionHandler;
import dev.tokenwise.slack.command.SpikesCommand;
import dev.tokenwise.slack.render.AlertMessages;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Spend spikes over a synthetic 28-day history, runaway sessions, snooze, the evaluate endpoint, /tokenwise spikes. */
@QuarkusTest
class SpikeAndRunawayAlertsTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Inject
    MutableClock clock;

    @Inject
    Rollups rollups;

    @Inject
    AlertRun evaluator;

    @Inject
    AlertSnoozeService snoozes;

    @Inject
    SpikesCommand spikes;

    @Inject
    OutboxRows outbox;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant localNoon(LocalDate d) {
        return d.atTime(12, 0).atZone(KOLKATA).toInstant();
    }

    private List<String> keys(String team) {
        return rollups.sent(team).stream().map(Rollups.Sent::dedupKey).toList();
    }

    @Test
    void aDayAboveTheBaselineOfTheLast28DaysIsOneSpikeWithItsContext() {
        Api.team("sp-hist", "{\"timezone\":\"Asia/Kolkata\",\"channel\":\"C-SP\",\"alert_channel\":\"C-SP-ALERTS\"}");
        LocalDate today = LocalDate.of(2027, 6, 29);
        // 1..28 June alternating 8 and 12 USD: median 10, MAD 2 → threshold max(3 × 10, 10 + 4 × 2) = 30.
        for (int i = 1; i <= 28; i++) {
            rollups.add("sp-hist", localNoon(today.minusDays(i)), "coding", "m-small", "acme/api", i % 2 == 0 ? 8 : 12);
        }
        // A day earlier than the 28 never counts, however big.
        rollups.add("sp-hist", localNoon(today.minusDays(29)), "coding", "m-small", "acme/api", 5000);
        clock.set(today.atTime(15, 30).atZone(KOLKATA).toInstant());
        rollups.session("sess-1", "sp-hist", localNoon(today), "coding", "m-big", "acme/api", 25);
        assertEquals(0, evaluator.evaluateTeams(Set.of("sp-hist")).queued().get("spike"));

        rollups.session("sess-2", "sp-hist", localNoon(today).plusSeconds(600), "coding", "m-small", "acme/web", 5);
        rollups.add("sp-hist", localNoon(today), "coding", "m-big", "acme/api", 5);
        assertEquals(1, evaluator.evaluateTeams(Set.of("sp-hist")).queued().get("spike"));
        for (int i = 0; i < 50; i++) {
            assertEquals(0, evaluator.evaluateTeams(Set.of("sp-hist")).queued().get("spike"));
        }
        List<Rollups.Sent> sent = rollups.sent("sp-hist");
        assertEquals(List.of("alert:spike:sp-hist:coding:2027-06-29"), keys("sp-hist"));
        String text = sent.get(0).text();
        assertEquals("C-SP-ALERTS", sent.get(0).channel());
        assertTrue(text.contains("*sp-hist* · coding: $35.00 today (since 00:00 Asia/Kolkata), against a usual day "
                + "of $10.00 (median of the previous 28 days; a spike is above $30.00)"), text);
        assertTrue(text.contains("Models: `m-big` $30.00, `m-small` $5.00."), text);
        assertTrue(text.contains("Repositories: `acme/api` $30.00, `acme/web` $5.00."), text);
        assertTrue(text.contains("Sessions: `sess-1` $25.00, `sess-2` $5.00."), text);
        assertTrue(sent.get(0).blocksJson().contains("\"value\":\"spike|sp-hist|coding\""));

        String answer = spikes.report("sp-hist").text();
        assertTrue(answer.contains("Spikes and runaway sessions of sp-hist") && answer.contains("$35.00 today"),
                answer);
    }

    @Test
    void aFlatZeroHistorySpikesOnlyAboveTheFloor() {
        Api.team("sp-flat", "{\"timezone\":\"Asia/Kolkata\",\"channel\":\"C-FLAT\"}");
        LocalDate today = LocalDate.of(2027, 6, 29);
        clock.set(today.atTime(18, 0).atZone(KOLKATA).toInstant());
        rollups.add("sp-flat", localNoon(today), "review", "m", "", 15);
        assertEquals(0, evaluator.evaluateTeams(Set.of("sp-flat")).queued().get("spike"));
        rollups.add("sp-flat", localNoon(today), "review", "m", "", 5);
        assertEquals(0, evaluator.evaluateTeams(Set.of("sp-flat")).queued().get("spike"), "20 is not above 20");
        rollups.add("sp-flat", localNoon(today), "review", "m", "", 0.5);
        assertEquals(1, evaluator.evaluateTeams(Set.of("sp-flat")).queued().get("spike"));
        assertEquals(List.of("alert:spike:sp-flat:review:2027-06-29"), keys("sp-flat"));
    }

    @Test
    void aSnoozedSpikeSaysNothingForADayThenAlertsAgain() {
        Api.team("sp-snooze", "{\"timezone\":\"Asia/Kolkata\",\"channel\":\"C-SNZ\"}");
        LocalDate day = LocalDate.of(2027, 6, 10);
        clock.set(day.atTime(9, 0).atZone(KOLKATA).toInstant());
        AlertSnoozeService.SnoozeResult r = snoozes.snooze("spike|sp-snooze|coding", SnoozeActionHandler.durationOf(
                AlertMessages.SNOOZE_1D).orElseThrow(), "U0CLICKER");
        SlackMessage message = AlertMessages.snoozed(r);
        assertEquals(day.atTime(9, 0).atZone(KOLKATA).toInstant().plus(Duration.ofDays(1)), r.until());
        assertEquals("C-SNZ", r.channel());
        assertTrue(message.text().contains("Snoozed by <@U0CLICKER> until Fri 11 Jun 2027 09:00 (Asia/Kolkata)"),
                message.text());
        assertTrue(!message.blocksJson().contains("tokenwise_snooze_1d"), "no buttons after the snooze");

        clock.set(day.atTime(14, 0).atZone(KOLKATA).toInstant());
        rollups.add("sp-snooze", localNoon(day), "coding", "m", "", 50);
        assertEquals(0, evaluator.evaluateTeams(Set.of("sp-snooze")).queued().get("spike"));
        assertEquals(List.of(), keys("sp-snooze"));
        assertTrue(spikes.report("sp-snooze").text().contains("snoozed, not posted"));
        String listed = spikes.report("sp-snooze").text();
        assertTrue(listed.contains("_Thu 10 Jun 14:00_ _(snoozed, not posted)_\n:chart_with_upwards_trend: Spend spike "
                + "— *sp-snooze* · coding: $50.00 today (since 00:00 Asia/Kolkata)"), listed);

        // The next day, after the snooze has expired: the history has one 50-USD day, median and MAD stay 0.
        clock.set(day.plusDays(1).atTime(14, 0).atZone(KOLKATA).toInstant());
        rollups.add("sp-snooze", localNoon(day.plusDays(1)), "coding", "m", "", 30);
        assertEquals(1, evaluator.evaluateTeams(Set.of("sp-snooze")).queued().get("spike"));
        assertEquals(List.of("alert:spike:sp-snooze:coding:2027-06-11"), keys("sp-snooze"));
        Api.admin().get("/api/admin/audit").then().statusCode(200)
                .body("find { it.action == 'alert.snooze' && it.target == 'alert/spike/sp-snooze/coding' }.actor",
                        equalTo("U0CLICKER"))
                .body("find { it.action == 'alert.snooze' && it.target == 'alert/spike/sp-snooze/coding' }"
                        + ".after.snoozed_until", equalTo("2027-06-11T03:30:00Z"));
    }

    @Test
    void aBadSnoozeIsRefused() {
        assertThrows(ProblemException.class, () -> snoozes.snooze("nonsense", Duration.ofDays(1), "U1"));
        assertThrows(ProblemException.class, () -> snoozes.snooze("spike|sp-nobody|coding", Duration.ofDays(1), "U1"));
        assertThrows(ProblemException.class, () -> snoozes.snooze("spike|sp-flat|coding", Duration.ofDays(90), "U1"));
        assertTrue(SnoozeActionHandler.durationOf("something_else").isEmpty());
    }

    @Test
    void runawaySessionsAlertOnceOnCostOrOnHours() {
        Api.team("rw-team", "{\"channel\":\"C-RW\"}");
        Instant now = Instant.parse("2027-07-15T16:00:00Z");
        clock.set(now);
        // Over 50 USD within an hour and a half.
        rollups.session("rw-cost", "rw-team", now.minusSeconds(5400), "coding", "claude-opus-4-1", "acme/api", 30);
        rollups.session("rw-cost", "rw-team", now.minusSeconds(1800), "coding", "claude-opus-4-1", "acme/api", 30);
        // 5 hours of activity for 2 USD.
        rollups.session("rw-long", "rw-team", now.minusSeconds(5 * 3600), "testing", "gpt-5", "acme/web", 1);
        rollups.session("rw-long", "rw-team", now.minusSeconds(60), "testing", "gpt-5", "acme/web", 1);
        // Neither: 40 USD over 3 hours.
        rollups.session("rw-fine", "rw-team", now.minusSeconds(3 * 3600), "docs", "m", "", 20);
        rollups.session("rw-fine", "rw-team", now.minusSeconds(60), "docs", "m", "", 20);
        // Over the limit, but more than 24 h ago.
        rollups.session("rw-old", "rw-team", now.minus(Duration.ofHours(30)), "docs", "m", "", 90);

        assertEquals(2, evaluator.evaluateTeams(Set.of("rw-team")).queued().get("runaway"));
        assertEquals(0, evaluator.evaluateTeams(Set.of("rw-team")).queued().get("runaway"));
        clock.advance(Duration.ofHours(2));
        rollups.session("rw-cost", "rw-team", clock.instant().minusSeconds(60), "coding", "claude-opus-4-1", "acme/api",
                30);
        assertEquals(0, evaluator.evaluateTeams(Set.of("rw-team")).queued().get("runaway"), "one alert per session");

        List<Rollups.Sent> sent = rollups.sent("rw-team").stream().filter(s -> s.dedupKey().contains("runaway"))
                .toList();
        assertEquals(List.of("alert:runaway:rw-team:rw-cost", "alert:runaway:rw-team:rw-long"),
                sent.stream().map(Rollups.Sent::dedupKey).sorted().toList());
        String cost = sent.stream().filter(s -> s.dedupKey().endsWith("rw-cost")).findFirst().orElseThrow().text();
        assertTrue(cost.contains("session `rw-cost` spent $60.00 over 1.0 h ($60.00/h) in the last 24 h, over "
                + "$50.00. Tool `claude-code` · model `claude-opus-4-1` · repository `acme/api` · workflow `coding`."),
                cost);
        String hours = sent.stream().filter(s -> s.dedupKey().endsWith("rw-long")).findFirst().orElseThrow().text();
        assertTrue(hours.contains("session `rw-long` spent $2.00 over 5.0 h ($0.40/h) in the last 24 h, over 4.0 h "
                + "of activity. Tool `claude-code` · model `gpt-5` · repository `acme/web` · workflow `testing`."), hours);
        assertTrue(spikes.report("rw-team").text().contains("Runaway session"));
        // The answer lists both sessions with the figures of their alerts.
        String listed = spikes.report("rw-team").text();
        assertTrue(listed.contains("session `rw-cost` spent $60.00 over 1.0 h ($60.00/h) in the last 24 h"), listed);
        assertTrue(listed.contains("session `rw-long` spent $2.00 over 5.0 h ($0.40/h) in the last 24 h"), listed);
    }

    @Test
    void theEvaluateEndpointRunsEveryRuleAndNeedsTheAdminToken() {
        Api.team("ev-team", "{\"channel\":\"C-EV\"}");
        clock.set("2027-08-03T12:00:00Z");
        rollups.add("ev-team", Instant.parse("2027-08-03T10:00:00Z"), "coding", "m", "", 80);
        // The database is shared with other tests: every team is evaluated, and what is queued reaches the outbox.
        int teams = Api.admin().get("/api/admin/teams").then().statusCode(200).extract().path("size()");
        long spikesBefore = outbox.count("alert:spike:");
        JsonPath result = Api.admin().post("/api/admin/alerts/evaluate").then().statusCode(200)
                .body("teams", greaterThanOrEqualTo(1))
                .body("queued.spike", greaterThanOrEqualTo(1))
                .body("queued.runaway", equalTo(0))
                .body("teams", equalTo(teams))
                .body("keySet()", containsInAnyOrder("teams", "queued", "took_ms"))
                .body("queued.keySet()", containsInAnyOrder(AlertRun.RULES.toArray()))
                .extract().jsonPath();
        assertEquals(outbox.count("alert:spike:") - spikesBefore, result.getLong("queued.spike"));
        assertEquals(List.of("alert:spike:ev-team:coding:2027-08-03"), keys("ev-team"));
        Api.admin().post("/api/admin/alerts/evaluate").then().statusCode(200).body("queued.spike", equalTo(0));
        RestAssured.given().post("/api/admin/alerts/evaluate").then().statusCode(401);
        Api.reader().post("/api/admin/alerts/evaluate").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(401),
                equalTo(403))).statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("The bearer token is not valid here."));
    }
}
