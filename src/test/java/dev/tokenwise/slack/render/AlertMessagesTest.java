package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.AlertFinding;
import dev.tokenwise.alerts.AlertRepository;
import dev.tokenwise.alerts.AlertSnoozeService;
import dev.tokenwise.alerts.SpikeMath;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.budget.SpendRepository;

/** The words and Block Kit of every kind of alert, as exact output. */
class AlertMessagesTest {

    private static BudgetStatus.Envelope envelope(String monthly, String spent, String remaining, Double used,
            String forecast, Double forecastRatio) {
        return new BudgetStatus.Envelope(new BigDecimal(monthly), new BigDecimal(spent), new BigDecimal(remaining),
                used, forecast == null ? null : new BigDecimal(forecast), forecastRatio);
    }

    @Test
    void aThresholdSaysWhatWasCrossedSpentLeftAndTheForecast() {
        var env = envelope("5000", "4100", "900", 0.82, "6150", 1.23);
        assertEquals(":warning: Budget — *payments* (team envelope) crossed 50 % and 80 % of its monthly envelope: "
                + "$4,100.00 of $5,000.00 spent in 2027-03 (82 %), $900.00 left. Forecast for the month: $6,150.00.",
                AlertMessages.threshold(new AlertFinding.BudgetThreshold("payments", "*", "2027-03", List.of(50, 80),
                        80, 4100, env)));
    }

    @Test
    void aThresholdOverTheEnvelopeOfAWorkflowSaysHowMuchOver() {
        var env = envelope("600", "750", "-150", 1.25, null, null);
        assertEquals(":rotating_light: Budget — *payments* · coding crossed 100 % of its monthly envelope: "
                + "$750.00 of $600.00 spent in 2027-03 (125 %), $150.00 over.",
                AlertMessages.threshold(new AlertFinding.BudgetThreshold("payments", "coding", "2027-03",
                        List.of(100), 100, 750, env)));
    }

    @Test
    void aForecastSaysWhereThePaceEnds() {
        var env = envelope("1000", "400", "600", 0.4, "1263.1579", 1.2632);
        assertEquals(":crystal_ball: Budget forecast — *payments* (team envelope): at this pace 2027-11 ends at "
                + "$1,263.16, 126 % of the $1,000.00 envelope ($400.00 spent after 9.5 of 30 days).",
                AlertMessages.forecast(new AlertFinding.BudgetForecast("payments", "*", "2027-11", 400, 9.5, 30,
                        env)));
    }

    @Test
    void aNewMonthRecallsWhatLastMonthReached() {
        Map<String, AlertRepository.BudgetState> last = new LinkedHashMap<>();
        last.put("*", new AlertRepository.BudgetState(80, true));
        last.put("review", new AlertRepository.BudgetState(0, true));
        assertEquals(":calendar: New month: budget alerts for *payments* start over for 2027-04. Last month the team "
                + "envelope reached 80 %, review reached a forecast over 100 %.",
                AlertMessages.reset(new AlertFinding.BudgetReset("payments", "2027-04", last)));
    }

    @Test
    void aSpikeNamesItsBaselineAndWhatDroveIt() {
        var check = new SpikeMath.Check(400, 10, 1, 30, true);
        assertEquals(":chart_with_upwards_trend: Spend spike — *payments* · coding: $400.00 today (since 00:00 UTC), "
                + "against a usual day of $10.00 (median of the previous 28 days; a spike is above $30.00). "
                + "Models: `claude-opus-4-1` $390.00, `claude-sonnet-4-5` $10.00. Repositories: (none) $400.00. "
                + "Sessions: none recorded.",
                AlertMessages.spike(new AlertFinding.SpendSpike("payments", "coding", "UTC", check, 28,
                        List.of(new SpendRepository.Share("claude-opus-4-1", 390), new SpendRepository.Share(
                                "claude-sonnet-4-5", 10)),
                        List.of(new SpendRepository.Share("", 400)), List.of())));
    }

    @Test
    void aRunawaySessionSaysWhyWithItsBurnRate() {
        Instant first = Instant.parse("2027-07-15T11:00:00Z");
        var session = new SpendRepository.SessionActivity("payments", "s-1", 75, first, first.plusSeconds(5 * 3600));
        var main = new SpendRepository.SessionMain("claude-code", "claude-opus-4-1", null, "coding");
        assertEquals(":fire: Runaway session — *payments*: session `s-1` spent $75.00 over 5.0 h ($15.00/h) in the "
                + "last 24 h, over $50.00 and over 4.0 h of activity. Tool `claude-code` · model `claude-opus-4-1` · "
                + "repository (none) · workflow `coding`.",
                AlertMessages.runaway(new AlertFinding.RunawaySession("payments", session, main, 5, 50, 4)));
    }

    @Test
    void aRunawayOfLessThanAMinuteHasNoBurnRate() {
        Instant at = Instant.parse("2027-07-15T11:00:00Z");
        var session = new SpendRepository.SessionActivity("payments", "s-2", 60, at, at.plusSeconds(30));
        var main = new SpendRepository.SessionMain(null, "m", "acme/api", "");
        assertEquals(":fire: Runaway session — *payments*: session `s-2` spent $60.00 over 0.0 h in the last 24 h, "
                + "over $50.00. Tool (none) · model `m` · repository `acme/api` · workflow (none).",
                AlertMessages.runaway(new AlertFinding.RunawaySession("payments", session, main, 30 / 3600d, 50, 4)));
    }

    @Test
    void anAlertCarriesItsSnoozeButtons() {
        SlackMessage m = AlertMessages.alert("Spend spike — *payments* · coding", "spike|payments|coding");
        assertEquals("Spend spike — *payments* · coding", m.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Spend spike — *payments* · "
                + "coding\"}},{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":"
                + "\"plain_text\",\"text\":\"Snooze 1 day\"},\"action_id\":\"tokenwise_snooze_1d\",\"value\":"
                + "\"spike|payments|coding\"},{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":"
                + "\"Snooze 1 week\"},\"action_id\":\"tokenwise_snooze_1w\",\"value\":\"spike|payments|coding\"}],"
                + "\"block_id\":\"tokenwise_alert_actions\"}]", m.blocksJson());
    }

    @Test
    void aRefusedSnoozeSaysWhy() {
        assertEquals("I could not snooze this alert: Team 'x' is not configured.",
                AlertMessages.snoozeRefused("Team 'x' is not configured."));
    }

    @Test
    void aResetHasNoButtons() {
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"New month\"}}]",
                AlertMessages.alert("New month", null).blocksJson());
    }

    @Test
    void aSnoozedAlertSaysWhoUntilWhenWithoutButtons() {
        var r = new AlertSnoozeService.SnoozeResult("budget", "payments", "*", Instant.parse("2027-03-30T19:00:00Z"),
                "U0SNOOZER", "C0PAY", ZoneId.of("America/New_York"), ":warning: Budget — *payments*");
        SlackMessage m = AlertMessages.snoozed(r);
        assertEquals(":warning: Budget — *payments*\n:zzz: Snoozed by <@U0SNOOZER> until Tue 30 Mar 2027 15:00 "
                + "(America/New_York): no budget alerts for the team envelope until then.", m.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":warning: Budget — "
                + "*payments*\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\":zzz: Snoozed "
                + "by <@U0SNOOZER> until Tue 30 Mar 2027 15:00 (America/New_York): no budget alerts for the team "
                + "envelope until then.\"}]}]", m.blocksJson());
    }

    @Test
    void aSnoozeOfAnAlertNeverRecordedNamesTheRuleAndSubject() {
        Instant until = Instant.parse("2027-06-11T03:30:00Z");
        var r = new AlertSnoozeService.SnoozeResult("spike", "payments", "coding", until, "U1", null, ZoneId.of("Asia/Kolkata"),
                null);
        assertEquals("Tokenwise spike alert for *payments* · coding\n:zzz: Snoozed by <@U1> until Fri 11 Jun 2027 "
                + "09:00 (Asia/Kolkata): no spike alerts for coding until then.", AlertMessages.snoozed(r).text());
    }
}
