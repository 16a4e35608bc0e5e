package dev.tokenwise.alerts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.slack.render.AlertMessages;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /tokenwise budget}, {@code /tokenwise spikes} and the alert's snooze buttons, over signed Slack requests. */
@QuarkusTest
class AlertSlackTest {

    private static final Instant NOW = Instant.parse("2027-05-20T15:00:00Z");

    @Inject
    MutableClock clock;

    @Inject
    Rollups rollups;

    @Inject
    AlertRun evaluator;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonPath command(String text, String channel) {
        String body = SlackRequests.slashCommandBody(text, channel, "U0ALSLK", "http://127.0.0.1:9/hooks/unused");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void budgetAnswersForTheChannelsTeam() {
        Api.team("as-budget", "{\"channel\":\"C0ASBUDGET\",\"monthly_budget_usd\":1000}");
        clock.set(NOW);
        rollups.add("as-budget", NOW.minusSeconds(3600), "coding", "claude-sonnet-4-5", "", 250);
        JsonPath a = command("budget", "C0ASBUDGET");
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(a.getString("text"), containsString("*Budget of as-budget* — 2027-05 to date"));
        assertThat(a.getString("text"), containsString("250.00 spent of"));
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].value"), equalTo("budget as-budget"));
    }

    @Test
    void spikesListsARecentSpikeWithItsContextAndTheSnoozeButtonSnoozesIt() {
        Api.team("as-spikes", "{\"channel\":\"C0ASSPIKES\"}");
        clock.set(NOW);
        for (int d = 1; d <= 28; d++) {
            rollups.add("as-spikes", NOW.minusSeconds(86_400L * d), "coding", "claude-sonnet-4-5", "acme/api", 10);
        }
        rollups.add("as-spikes", NOW.minusSeconds(3600), "coding", "claude-opus-4-1", "acme/api", 400);
        evaluator.evaluateTeams(Set.of("as-spikes"));
        List<Rollups.Sent> spikes = rollups.sent("as-spikes").stream()
                .filter(s -> s.dedupKey().startsWith("alert:spike:")).toList();
        assertThat(spikes, hasSize(1));

        String answer = command("spikes as-spikes", "C0ELSEWHERE").getString("text");
        assertThat(answer, containsString("as-spikes"));
        assertThat(answer, containsString("coding"));
        assertThat(answer, containsString("Spend spike — *as-spikes* · coding: $400.00 today (since 00:00 UTC), "
                + "against a usual day of $10.00"));

        // The alert's button, clicked in the channel where the alert was posted.
        String click = SlackRequests.blockActionBody(AlertMessages.SNOOZE_1D, "spike|as-spikes|coding", "C0ASSPIKES",
                "U0SNOOZER", "1700000000.000100", "trigger-1", "http://127.0.0.1:9/hooks/unused")
                .replace("%22is_ephemeral%22%3Atrue", "%22is_ephemeral%22%3Afalse");
        SlackRequests.post(click, clock.instant()).then().statusCode(200);
        Api.admin().get("/api/admin/audit").then().statusCode(200)
                .body("find { it.action == 'alert.snooze' && it.target == 'alert/spike/as-spikes/coding' }.actor",
                        equalTo("U0SNOOZER"));

        // Tomorrow morning (a new day, so no cooldown) the spike goes on, but the snooze runs until 15:00.
        clock.set(NOW.plusSeconds(20 * 3600));
        rollups.add("as-spikes", NOW.plusSeconds(19 * 3600), "coding", "claude-opus-4-1", "acme/api", 400);
        evaluator.evaluateTeams(Set.of("as-spikes"));
        assertThat(rollups.sent("as-spikes").stream().filter(s -> s.dedupKey().startsWith("alert:spike:")).toList(),
                hasSize(1));
    }
}
