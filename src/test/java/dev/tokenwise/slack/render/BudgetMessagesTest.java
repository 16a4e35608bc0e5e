package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.budget.BudgetStatus;

/** {@code /tokenwise budget} and the digest's budget lines, as exact output. */
class BudgetMessagesTest {

    private static final BudgetStatus.Envelope CODING = new BudgetStatus.Envelope(new BigDecimal("600"),
            new BigDecimal("300"), new BigDecimal("300"), 0.5, new BigDecimal("947.3684"), 1.5789);
    private static final BudgetStatus.Envelope REVIEW = new BudgetStatus.Envelope(null, new BigDecimal("100"), null,
            null, new BigDecimal("315.7895"), null);

    private static BudgetStatus berlin() {
        Map<String, BudgetStatus.Envelope> byWorkflow = new LinkedHashMap<>();
        byWorkflow.put("coding", CODING);
        byWorkflow.put("review", REVIEW);
        return new BudgetStatus("bud-berlin", "2027-11", "Europe/Berlin", Instant.parse("2027-11-10T11:00:00Z"), 9.5,
                30, new BigDecimal("1000"), new BigDecimal("400"), new BigDecimal("600"), 0.4,
                new BigDecimal("1263.1579"), 1.2632, byWorkflow);
    }

    @Test
    void theAnswerGivesTheEnvelopeThenEachWorkflow() {
        SlackMessage m = BudgetMessages.status(berlin());
        assertEquals("""
                *Budget of bud-berlin* — 2027-11 to date (day 9.5 of 30, Europe/Berlin)
                $400.00 spent of $1,000.00 (40 % used), $600.00 remaining, forecast $1,263.16 (126 %)

                *By workflow*
                • coding: $300.00 spent of $600.00 (50 % used), $300.00 remaining, forecast $947.37 (158 %)
                • review: $100.00 spent, forecast $315.79 (no envelope)""", m.text());
        assertEquals(2, m.blocks().size());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Budget of bud-berlin* — "
                + "2027-11 to date (day 9.5 of 30, Europe/Berlin)\\n$400.00 spent of $1,000.00 (40 % used), $600.00 "
                + "remaining, forecast $1,263.16 (126 %)\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                + "\"text\":\"*By workflow*\\n• coding: $300.00 spent of $600.00 (50 % used), $300.00 remaining, "
                + "forecast $947.37 (158 %)\\n• review: $100.00 spent, forecast $315.79 (no envelope)\"}}]",
                m.blocksJson());
    }

    @Test
    void withoutAnEnvelopeTheAnswerSaysHowToSetOne() {
        BudgetStatus none = new BudgetStatus("bud-none", "2027-11", "UTC", Instant.parse("2027-11-02T12:00:00Z"), 1.5,
                30, null, new BigDecimal("12.5"), null, null, new BigDecimal("250"), null, Map.of());
        assertEquals("""
                *Budget of bud-none* — 2027-11 to date (day 1.5 of 30, UTC)
                $12.50 spent, forecast $250.00 (no envelope)

                _No envelope is set for this team; an admin sets one with `monthly_budget_usd` (and \
                `workflow_budgets_usd`)._""", BudgetMessages.status(none).text());
    }

    @Test
    void theDigestLinesNameOnlyWorkflowsWithAnEnvelope() {
        assertEquals("""
                • Month to date (2027-11): $400.00 spent of $1,000.00 (40 % used), $600.00 remaining, forecast \
                $1,263.16 (126 %)
                • coding: $300.00 spent of $600.00 (50 % used), $300.00 remaining, forecast $947.37 (158 %)""",
                BudgetMessages.digestLines(berlin()));
    }

    @Test
    void anEnvelopeOverspentSaysHowMuchOver() {
        assertEquals("$750.00 spent of $600.00 (125 % used), $150.00 over", BudgetMessages.line(
                new BudgetStatus.Envelope(new BigDecimal("600"), new BigDecimal("750"), new BigDecimal("-150"), 1.25,
                        null, null)));
    }
}
