package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService.Headline;

/** {@code /tokenwise cost-per-pr}, as exact output. */
class CostPerPrMessagesTest {

    private static final LocalDate MON = LocalDate.parse("2026-11-09");

    private static Headline headline(String total, String unattributed, int merged, String perPr) {
        Scorecard.Cost cost = new Scorecard.Cost(new BigDecimal(total), new BigDecimal(unattributed), 0, 0, 0, 0, 0,
                null, Map.of(), Map.of(), List.of());
        return new Headline(null, cost, merged, perPr == null ? null : new BigDecimal(perPr));
    }

    @Test
    void eachFigureComesWithItsChange() {
        SlackMessage m = CostPerPrMessages.answer(new CostPerPrMessages.Report("payments", "Europe/Berlin",
                "this week", MON, MON.plusDays(7), headline("1234.56", "200", 12, "102.88"),
                headline("1100", "150", 12, "80"), " vs the same days of last week"));
        assertEquals("Cost per merged PR · payments · this week (Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)): "
                + "cost $1,234.56 (+12 % vs the same days of last week); merged PRs 12 (±0 % vs the same days of last "
                + "week); cost per merged PR $102.88 (+29 % vs the same days of last week); unattributed $200.00 "
                + "(16 % of the cost).", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Cost per merged PR · "
                + "payments · this week\"}},{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Cost*\\n$1,234.56 (+12 % vs the same days of last week)\"},{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Merged PRs*\\n12 (±0 % vs the same days of last week)\"},{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Cost per merged PR*\\n$102.88 (+29 % vs the same days of last week)\"},{\"type\":\"mrkdwn\","
                + "\"text\":\"*Unattributed spend*\\n$200.00 (16 % of the cost)\"}]},{\"type\":\"context\","
                + "\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin) · "
                + "Unattributed = spend linked to no pull request. Team-level figures only.\"}]}]", m.blocksJson());
    }

    @Test
    void withoutAComparablePeriodThereIsNoChange() {
        SlackMessage m = CostPerPrMessages.answer(new CostPerPrMessages.Report("payments", "UTC", "last week", MON,
                MON.plusDays(7), headline("0", "0", 0, null), null, " vs the week before"));
        assertEquals("Cost per merged PR · payments · last week (Mon 9 Nov – Sun 15 Nov 2026 (UTC)): cost $0.00; "
                + "merged PRs 0; cost per merged PR n/a (no PR merged); unattributed $0.00.", m.text());
    }

    @Test
    void withheldFiguresGiveTheReasonAndThePolicy() {
        SlackMessage m = CostPerPrMessages.answer(new CostPerPrMessages.Report("payments", "UTC", "this week", MON,
                MON.plusDays(1), new Headline("Fewer than 3 people contributed.", null, 0, null), null, null));
        assertEquals("Cost per merged PR · payments · this week\nFewer than 3 people contributed.", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Cost per merged PR · "
                + "payments · this week\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":lock: "
                + "Fewer than 3 people contributed.\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\","
                + "\"text\":\"Mon 9 Nov 2026 (UTC) · Tokenwise shows figures for teams, workflows, repositories and "
                + "sessions — never for a person. Tokens are telemetry and a cost line, not a personal score.\"}]}]",
                m.blocksJson());
    }
}
