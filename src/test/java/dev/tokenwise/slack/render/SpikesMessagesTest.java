package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.AlertRepository.RaisedAlert;
import dev.tokenwise.alerts.RecentAlertsService.RecentAlerts;
import dev.tokenwise.team.TeamSettings;

/** {@code /tokenwise spikes}, as exact output. */
class SpikesMessagesTest {

    private static final TeamSettings TEAM = new TeamSettings("payments", "C0PAY", null, "Asia/Kolkata", "MONDAY",
            "09:00", null, BigDecimal.ZERO, Map.of(), 3, List.of());

    @Test
    void listsTheRecentAlertsNewestFirstMarkingSnoozedOnes() {
        List<RaisedAlert> alerts = List.of(
                new RaisedAlert("spike", "payments", "coding", Instant.parse("2027-06-10T08:30:00Z"), 50.0, 20.0,
                        ":chart_with_upwards_trend: Spend spike — *payments* · coding", "snoozed"),
                new RaisedAlert("runaway", "payments", "s-1", Instant.parse("2027-06-09T03:00:00Z"), 60.0, 50.0,
                        ":fire: Runaway session — *payments*", "queued"));
        SlackMessage m = SpikesMessages.recent(new RecentAlerts(TEAM, 7, alerts));
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
        SlackMessage m = SpikesMessages.recent(new RecentAlerts(TEAM, 7, List.of()));
        assertEquals("*Spikes and runaway sessions of payments*: none in the last 7 days. :relieved:", m.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Spikes and runaway sessions "
                + "of payments*: none in the last 7 days. :relieved:\"}}]", m.blocksJson());
    }
}
