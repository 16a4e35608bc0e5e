package dev.tokenwise.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.slack.render.AlertMessages;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/** The budget state machine: thresholds, double crossing, forecast, month reset, snooze, no channel, repetition. */
@QuarkusTest
class BudgetAlertsTest {

    /** 15:00 in New York (EDT, UTC−4) on 31 March 2027: 30.6 of 31 days elapsed, so the forecast ≈ the spend. */
    private static final Instant LATE_MARCH = Instant.parse("2027-03-31T19:00:00Z");

    @Inject
    MutableClock clock;

    @Inject
    Rollups rollups;

    @Inject
    AlertRun evaluator;

    @Inject
    AlertSnoozeService snoozes;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private AlertRun.Result evaluate(String team) {
        return evaluator.evaluateTeams(Set.of(team));
    }

    /** Budget alerts only: these flat histories also make today's spend a spike, tested elsewhere. */
    private List<Rollups.Sent> sent(String team) {
        return rollups.sent(team).stream().filter(s -> !s.dedupKey().startsWith("alert:spike:")).toList();
    }

    private void team(String id, String json) {
        Api.team(id, "{\"timezone\":\"America/New_York\",\"channel\":\"C-" + id + "\"," + json + "}");
    }

    @Test
    void eachThresholdIsAnnouncedOnceWhenReached() {
        team("ba-steps", "\"monthly_budget_usd\":1000");
        clock.set(LATE_MARCH);
        rollups.add("ba-steps", LATE_MARCH.minusSeconds(7200), "coding", "m", "", 499);
        assertEquals(0, evaluate("ba-steps").queued().get("budget"));
        assertEquals(List.of(), sent("ba-steps"));

        rollups.add("ba-steps", LATE_MARCH.minusSeconds(3600), "coding", "m", "", 1);
        assertEquals(1, evaluate("ba-steps").queued().get("budget"));
        assertEquals(0, evaluate("ba-steps").queued().get("budget"));
        rollups.add("ba-steps", LATE_MARCH, "coding", "m", "", 300);
        assertEquals(1, evaluate("ba-steps").queued().get("budget"));
        rollups.add("ba-steps", LATE_MARCH, "review", "m", "", 200);
        assertEquals(1, evaluate("ba-steps").queued().get("budget"));
        assertEquals(0, evaluate("ba-steps").queued().get("budget"));

        List<Rollups.Sent> sent = sent("ba-steps");
        assertEquals(List.of("alert:budget:ba-steps:*:2027-03:50", "alert:budget:ba-steps:*:2027-03:80",
                "alert:budget:ba-steps:*:2027-03:100"), sent.stream().map(Rollups.Sent::dedupKey).toList());
        Rollups.Sent first = sent.get(0);
        assertEquals("alert", first.kind());
        assertEquals("C-ba-steps", first.channel());
        assertTrue(first.text().contains("crossed 50 % of its monthly envelope: $500.00 of $1,000.00 spent in "
                + "2027-03 (50 %), $500.00 left."), first.text());
        assertTrue(first.blocksJson().contains("\"action_id\":\"tokenwise_snooze_1d\""), first.blocksJson());
        assertTrue(first.blocksJson().contains("\"action_id\":\"tokenwise_snooze_1w\""));
        assertTrue(first.blocksJson().contains("\"value\":\"budget|ba-steps|*\""));
        assertTrue(sent.get(2).text().contains("crossed 100 %") && sent.get(2).text().contains("$0.00 left"),
                sent.get(2).text());
        assertEquals(100, ((Number) rollups.state("ba-steps", "*", "2027-03-01")[0]).intValue());
    }

    @Test
    void aLateEventThatCrossesTwoThresholdsSendsOneAlertSayingSo() {
        team("ba-double", "\"monthly_budget_usd\":1000,\"workflow_budgets_usd\":{\"coding\":400}");
        clock.set(LATE_MARCH);
        rollups.add("ba-double", LATE_MARCH.minusSeconds(3600), "coding", "m", "", 10);
        evaluate("ba-double");
        rollups.add("ba-double", Instant.parse("2027-03-05T12:00:00Z"), "coding", "m", "", 840); // late event
        assertEquals(2, evaluate("ba-double").queued().get("budget"));
        assertEquals(0, evaluate("ba-double").queued().get("budget"));
        List<Rollups.Sent> sent = sent("ba-double");
        assertEquals(2, sent.size());
        assertTrue(sent.get(0).text().contains("*ba-double* (team envelope) crossed 50 % and 80 % of its monthly "
                + "envelope"), sent.get(0).text());
        assertTrue(sent.get(1).text().contains("*ba-double* · coding crossed 50 %, 80 % and 100 %"), sent.get(1).text());
        assertTrue(sent.get(1).text().contains("$450.00 over"), sent.get(1).text());
        assertTrue(sent.get(1).blocksJson().contains("\"value\":\"budget|ba-double|coding\""));
    }

    @Test
    void aForecastOverTheEnvelopeIsAnnouncedOnceAfterTheFirstDays() {
        team("ba-fcst", "\"monthly_budget_usd\":3000");
        // 2 March noon local: 1.5 days in, 200 spent → forecast 4133, but too early in the month to say so.
        clock.set("2027-03-02T17:00:00Z");
        rollups.add("ba-fcst", Instant.parse("2027-03-02T14:00:00Z"), "coding", "m", "", 200);
        assertEquals(0, evaluate("ba-fcst").queued().get("forecast"));
        // 10 March 12:00 EST (UTC−5): 228 h of a 743-h month (DST starts on 14 March), i.e. 228 / 743 × 31 = 9.51
        // elapsed days; 1000 spent → forecast 1000 × 743 / 228 = 3258.77.
        clock.set("2027-03-10T17:00:00Z");
        rollups.add("ba-fcst", Instant.parse("2027-03-09T14:00:00Z"), "coding", "m", "", 800);
        AlertRun.Result r = evaluate("ba-fcst");
        assertEquals(1, r.queued().get("forecast"));
        assertEquals(0, r.queued().get("budget"));
        assertEquals(0, evaluate("ba-fcst").queued().get("forecast"));
        List<Rollups.Sent> sent = sent("ba-fcst");
        assertEquals(List.of("alert:forecast:ba-fcst:*:2027-03"), sent.stream().map(Rollups.Sent::dedupKey).toList());
        assertTrue(sent.get(0).text().contains("at this pace 2027-03 ends at $3,258.77, 109 % of the $3,000.00 "
                + "envelope ($1,000.00 spent after 9.5 of 31 days)"), sent.get(0).text());
    }

    @Test
    void aNewMonthResetsTheStateWithAShortNoteOnlyAfterAnAlertingMonth() {
        team("ba-reset", "\"monthly_budget_usd\":1000");
        team("ba-quiet", "\"monthly_budget_usd\":1000");
        clock.set(LATE_MARCH);
        rollups.add("ba-reset", LATE_MARCH, "coding", "m", "", 600);
        rollups.add("ba-quiet", LATE_MARCH, "coding", "m", "", 10);
        evaluator.evaluateTeams(Set.of("ba-reset", "ba-quiet"));
        // 1 April 09:00 in New York.
        clock.set("2027-04-01T13:00:00Z");
        rollups.add("ba-reset", Instant.parse("2027-04-01T12:00:00Z"), "coding", "m", "", 5);
        AlertRun.Result r = evaluator.evaluateTeams(Set.of("ba-reset", "ba-quiet"));
        assertEquals(1, r.queued().get("budget_reset"));
        assertEquals(0, evaluator.evaluateTeams(Set.of("ba-reset", "ba-quiet")).queued().get("budget_reset"));
        List<Rollups.Sent> sent = sent("ba-reset");
        assertEquals(List.of("alert:budget:ba-reset:*:2027-03:50", "alert:budget-reset:ba-reset:2027-04"),
                sent.stream().map(Rollups.Sent::dedupKey).toList());
        assertTrue(sent.get(1).text().contains("New month: budget alerts for *ba-reset* start over for 2027-04. "
                + "Last month the team envelope reached 50 %."), sent.get(1).text());
        assertEquals(List.of(), sent("ba-quiet"));
        // The new month starts from zero: 50 % of April is announced again.
        rollups.add("ba-reset", Instant.parse("2027-04-01T12:00:00Z"), "coding", "m", "", 500);
        assertEquals(1, evaluate("ba-reset").queued().get("budget"));
    }

    @Test
    void withoutAChannelNothingIsPostedButTheStateAdvances() {
        Api.team("ba-nochan", "{\"timezone\":\"America/New_York\",\"monthly_budget_usd\":100}");
        clock.set(LATE_MARCH);
        rollups.add("ba-nochan", LATE_MARCH, "coding", "m", "", 60);
        assertEquals(0, evaluate("ba-nochan").queued().get("budget"));
        assertEquals(List.of(), sent("ba-nochan"));
        assertEquals(50, ((Number) rollups.state("ba-nochan", "*", "2027-03-01")[0]).intValue());
    }

    @Test
    void aSnoozedEnvelopeSaysNothingUntilTheSnoozeEnds() {
        team("ba-snooze", "\"monthly_budget_usd\":100");
        clock.set(LATE_MARCH.minus(Duration.ofDays(2)));
        AlertSnoozeService.SnoozeResult s = snoozes.snooze("budget|ba-snooze|*", Duration.ofDays(1), "U0SNOOZER");
        assertTrue(AlertMessages.snoozed(s).text().contains("Snoozed by <@U0SNOOZER> until Tue 30 Mar 2027 15:00 "
                + "(America/New_York)"), AlertMessages.snoozed(s).text());
        rollups.add("ba-snooze", LATE_MARCH.minus(Duration.ofDays(2)), "coding", "m", "", 60);
        assertEquals(0, evaluate("ba-snooze").queued().get("budget"));
        assertEquals(List.of(), sent("ba-snooze"));
        clock.set(LATE_MARCH);
        rollups.add("ba-snooze", LATE_MARCH, "coding", "m", "", 25);
        assertEquals(1, evaluate("ba-snooze").queued().get("budget"));
        assertEquals(List.of("alert:budget:ba-snooze:*:2027-03:80"),
                sent("ba-snooze").stream().map(Rollups.Sent::dedupKey).toList());
    }

    /** 1,000 evaluations, one after each of 1,000 increments spread over a minute: one alert per threshold. */
    @Test
    void repeatedEvaluationSendsExactlyOneAlertPerThreshold() {
        team("ba-repeat", "\"monthly_budget_usd\":100,\"workflow_budgets_usd\":{\"coding\":60}");
        // Near the end of the month, so the forecast stays below 100 % until the envelope itself is reached.
        clock.set("2027-04-01T03:50:00Z");
        int queued = 0;
        for (int i = 0; i < 1000; i++) {
            rollups.add("ba-repeat", clock.instant(), "coding", "m", "", 0.15);
            queued += evaluate("ba-repeat").queued().get("budget");
            clock.advance(Duration.ofMillis(60));
        }
        List<String> keys = sent("ba-repeat").stream().map(Rollups.Sent::dedupKey).toList();
        assertEquals(List.of("alert:budget:ba-repeat:coding:2027-03:50", "alert:budget:ba-repeat:coding:2027-03:80",
                "alert:budget:ba-repeat:*:2027-03:50", "alert:budget:ba-repeat:coding:2027-03:100",
                "alert:budget:ba-repeat:*:2027-03:80", "alert:budget:ba-repeat:*:2027-03:100"), keys);
        assertEquals(6, queued);
    }

    /** Four evaluations at once (as four replicas would) announce a crossing once. */
    @Test
    void concurrentEvaluationsAnnounceOnce() throws Exception {
        team("ba-race", "\"monthly_budget_usd\":100");
        clock.set(LATE_MARCH);
        rollups.add("ba-race", LATE_MARCH, "coding", "m", "", 1);
        evaluate("ba-race");
        rollups.add("ba-race", LATE_MARCH, "coding", "m", "", 90);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> evaluate("ba-race").queued().get("budget"));
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertEquals(1, total);
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of("alert:budget:ba-race:*:2027-03:80"),
                sent("ba-race").stream().map(Rollups.Sent::dedupKey).toList());
    }
}
