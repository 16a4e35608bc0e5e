package dev.tokenwise.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * End to end through {@code POST /ingest/usage}: a burst of 10,000 events within one minute, evaluated after every
 * 1,000, gives exactly one alert per rule — budget (one alert for the three thresholds crossed at once), spike
 * and runaway session — never one per event.
 */
@QuarkusTest
class AlertBurstTest {

    private static final String TEAM = "ab-burst";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Inject
    MutableClock clock;

    @Inject
    AlertRun evaluator;

    @Inject
    Rollups rollups;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void tenThousandEventsInAMinuteGiveOneAlertPerRule() {
        Api.team(TEAM, "{\"channel\":\"C0ABBURST\",\"monthly_budget_usd\":10}");
        clock.set(NOW);
        for (int batch = 0; batch < 10; batch++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                // 10,000 events over the minute before NOW, each 1 cent, all of one agent session.
                Instant at = NOW.minusSeconds(60).plusMillis(n * 6L);
                ndjson.append("{\"id\":\"ab-").append(n).append("\",\"timestamp\":\"").append(at)
                        .append("\",\"team\":\"").append(TEAM).append("\",\"workflow\":\"coding\",\"tool\":\"claude-code\",")
                        .append("\"model\":\"claude-sonnet-4-5\",\"repo\":\"acme/burst\",\"input_tokens\":100,")
                        .append("\"output_tokens\":20,\"cost_usd\":0.01,\"session_id\":\"ab-session-1\"}\n");
            }
            Api.ingest().contentType("application/x-ndjson")
                    .body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/ingest/usage")
                    .then().statusCode(202);
            evaluator.evaluateTeams(Set.of(TEAM));
        }
        Map<String, Long> perRule = rollups.sent(TEAM).stream()
                .map(s -> s.dedupKey().split(":")[1])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // No separate forecast alert: once the envelope is spent, "the forecast passes 100 %" says nothing new.
        assertEquals(Map.of("budget", 1L, "spike", 1L, "runaway", 1L), perRule);
        List<Rollups.Sent> budget = rollups.sent(TEAM).stream().filter(s -> s.dedupKey().startsWith("alert:budget:"))
                .toList();
        org.junit.jupiter.api.Assertions.assertTrue(budget.get(0).text().contains("crossed 50 %, 80 % and 100 %"),
                budget.get(0).text());
        // Evaluated after the first 1,000 cents: the envelope is exactly spent.
        org.junit.jupiter.api.Assertions.assertTrue(budget.get(0).text().contains("crossed 50 %, 80 % and 100 % of its "
                + "monthly envelope: $10.00 of $10.00 spent in 2026-11 (100 %), $0.00 left."), budget.get(0).text());
        Api.admin().contentType(ContentType.JSON).post("/api/admin/alerts/evaluate").then().statusCode(200);
        assertEquals(3, rollups.sent(TEAM).size());
    }
}
