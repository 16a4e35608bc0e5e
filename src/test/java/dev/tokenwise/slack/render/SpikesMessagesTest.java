package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.AlertRepository.RaisedAlert;
import dev.tokenwise.alerts.RecentAlertsService.RecentAlerts;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamSettings;

/** {@code /tokenwise spikes}, as exact output. */
class SpikesMessagesTest {

    private static final TeamSettings TEAM = new TeamSettings("payments", "C0PAY", null, "Asia/Kolkata", "MONDAY",
            "09:00", null, BigDecimal.ZERO, Map.of(), 3, false, "THURSDAY", "15:00", List.of(), List.of(), List.of(),
            List.of());

    @Test
    void listsTheRecentAlertsNewestFirstMarkingSnoozedOnes() {
        List<RaisedAlert> alerts = List.of(
                new RaisedAlert("spike", "payments", "coding", Instant.parse("2027-06-10T08:30:00Z"), 50.0, 20.0,
                        ":chart_with_upwards_trend: Spend spike — *payments* · coding", "snoozed"),
                new RaisedAlert("runaway", "payments", "s-1", Instant.parse("2027-06-09T03:00:00Z"), 60.0, 50.0,
                        ":fire: Runaway session — *payments*", "queued"));
        SlackMessage m = SpikesMessages.recent(new RecentAlerts(TEAM, 7, alerts, null));
        assertEquals("""
                *Spikes and runaway sessions of payments* — last 7 days, newest first

                _Thu 10 Jun 14:00_ _(snoozed, not posted)_
                :chart_with_upwards_trend: Spend spike — *payments* · coding

                _Wed 9 Jun 08:30_
                :fire: Runaway session — *payments*""", m.text());
        assertEquals(3, m.blocks().size());
    }

    @Test
    void noAlertIsOneRelievedLine() {
        SlackMessage m = SpikesMessages.recent(new RecentAlerts(TEAM, 7, List.of(), null));
        assertEquals("*Spikes and runaway sessions of payments*: none in the last 7 days. :relieved:", m.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Spikes and runaway sessions "
                + "of payments*: none in the last 7 days. :relieved:\"}}]", m.blocksJson());
    }

    @Test
    void agentErrorsOfTheSameDaysFollowAsContext() {
        Map<String, Integer> byClass = new LinkedHashMap<>();
        byClass.put("rate_limit", 5);
        byClass.put("overloaded", 2);
        byClass.put("auth", 0);
        byClass.put("server", 1);
        byClass.put("client", 0);
        byClass.put("other", 0);
        Scorecard.AgentErrors errors = new Scorecard.AgentErrors(8, byClass, 12, 3, 0.25, Map.of());
        SlackMessage m = SpikesMessages.recent(new RecentAlerts(TEAM, 7, List.of(), errors));
        assertEquals("""
                *Spikes and runaway sessions of payments*: none in the last 7 days. :relieved:

                *Agent reliability* — last 7 days
                Agent errors: 8 (rate limit 5, overloaded 2, server 1) · 3 of 12 agent sessions (25 %) saw at least \
                one""", m.text());
        assertEquals(2, m.blocks().size());
        Scorecard.AgentErrors none = new Scorecard.AgentErrors(0, byClass, 1, 0, 0.0, Map.of());
        assertEquals("""
                *Spikes and runaway sessions of payments*: none in the last 7 days. :relieved:

                *Agent reliability* — last 7 days
                Agent errors: none in 1 agent session""",
                SpikesMessages.recent(new RecentAlerts(TEAM, 7, List.of(), none)).text());
    }
}
