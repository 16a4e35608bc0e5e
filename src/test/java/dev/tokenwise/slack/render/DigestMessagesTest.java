package dev.tokenwise.slack.render;

import static dev.tokenwise.digest.Cards.MON;
import static dev.tokenwise.digest.Cards.card;
import static dev.tokenwise.digest.Cards.cost;
import static dev.tokenwise.digest.Cards.delivery;
import static dev.tokenwise.digest.Cards.quality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.digest.Cards;
import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.Scorecard;

class DigestMessagesTest {

    private static final LocalDate PREV = MON.minusWeeks(1);

    /** The digest of the input with the given budget lines (the input's budget figures are worded elsewhere). */
    private static SlackMessage compose(Input in) {
        return DigestMessages.compose(new DigestInput(in.team(), null, in.current(), in.previous(), in.soFar(), null,
                3), in.budgetMrkdwn());
    }

    /** The composer's input as it was: the budget lines already worded. */
    private record Input(String team, Scorecard current, Scorecard previous, boolean soFar, String budgetMrkdwn) {
    }

    @Test
    void composesEverySectionWithWeekOverWeekAndAttention() throws Exception {
        Scorecard current = card(MON, cost("1234.56", "200"), delivery(12, "102.88", 6.0, 7, 0.2, 0.12),
                quality(3, 2, 4.0, 1));
        Scorecard previous = card(PREV, cost("1100", "150"), delivery(12, "80", 3.5, 5, 0.1, 0.1),
                quality(1, 0, null, 0));

        SlackMessage digest = compose(new Input("payments", current, previous, false,
                "• Spent $2,000.00 of $5,000.00 (40 %) · forecast $4,400.00"));

        assertEquals("""
                *Weekly digest · payments · 9–15 Nov 2026*

                *Headline*
                • Cost: *$1,234.56* (+12 % vs last week)
                • Merged PRs: *12* (12 last week)
                • Cost per merged PR: *$102.88* (+29 % vs last week) · unattributed spend $200.00

                *Flow*
                • PR cycle time: median 18.5 h · p90 52.0 h
                • Review wait: median 6.0 h (3.5 h last week)
                • Deployments to production: 7 (5 last week)
                • AI-assisted: 42 % of merged PRs

                *Quality*
                • Change failure rate: 20 % (10 % last week)
                • Rollbacks: 1
                • Escaped defects: 3 (1 last week)
                • Incidents: 2 · time to restore: median 4.0 h

                *Cost*
                • Tokens: 1.2M input · 8.4M cached input · 300k cache write · 912.3k output (incl. 200k reasoning)
                • Cache hit ratio: 85 %
                • By workflow: coding $900.00 · review $200.00 · testing $134.56
                • Unattributed (linked to no PR): $200.00 (16 %)

                *Budget*
                • Spent $2,000.00 of $5,000.00 (40 %) · forecast $4,400.00

                *Sustainability*
                • Incidents outside working hours: 1 of 2
                • Workflow reruns: 12 % of completed runs

                *Needs attention*
                • Cost per merged PR up 29 % ($80.00 → $102.88) while merged PRs stayed flat (12 → 12)
                • Review wait rising: median 6.0 h, up from 3.5 h
                • Escaped defects up: 3, from 1
                • Change failure rate up: 20 %, from 10 %

                _Team-level figures only: Tokenwise never shows a figure per person. Days in Europe/Berlin._""",
                digest.text());

        JsonNode blocks = new ObjectMapper().readTree(digest.blocksJson());
        List<String> types = new ArrayList<>();
        blocks.forEach(b -> types.add(b.get("type").asText()));
        assertEquals(List.of("header", "section", "divider", "section", "section", "section", "section", "section",
                "divider", "section", "context"), types);
        assertEquals("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":"
                + "\"Weekly digest · payments · 9–15 Nov 2026\"}}", blocks.get(0).toString());
        assertEquals("""
                *Headline*
                • Cost: *$1,234.56* (+12 % vs last week)
                • Merged PRs: *12* (12 last week)
                • Cost per merged PR: *$102.88* (+29 % vs last week) · unattributed spend $200.00""",
                blocks.get(1).get("text").get("text").asText());
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        assertEquals("Team-level figures only: Tokenwise never shows a figure per person. Days in Europe/Berlin.",
                blocks.get(10).get("elements").get(0).get("text").asText());
    }

    @Test
    void aWeekWithoutActivityIsOneShortLine() {
        SlackMessage digest = compose(new Input("payments", Cards.empty(MON), Cards.empty(PREV), false,
                null));

        assertEquals("*payments* · week of 9–15 Nov 2026: no AI usage or delivery activity recorded.", digest.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*payments* · week of 9–15 Nov 2026: no AI usage or delivery activity recorded.\"}}]",
                digest.blocksJson());
    }

    @Test
    void missingSectionsAreAnEmptyWeekToo() {
        Scorecard nothing = card(MON, null, null, null);
        SlackMessage digest = compose(new Input("payments", nothing, null, true, null));
        assertEquals("*payments* · this week so far (9–15 Nov 2026): no AI usage or delivery activity recorded yet.",
                digest.text());
    }

    @Test
    void aWithheldWeekGivesThePrivacyExplanationOnly() {
        Scorecard withheld = new Scorecard("payments", MON, MON.plusDays(7), "Europe/Berlin", true,
                "Fewer than 3 people contributed in this period, so team figures would describe individuals. "
                        + "Tokenwise shows team-level figures only.",
                null, null, null, null, null, null);

        SlackMessage digest = compose(new Input("payments", withheld, null, false, "• budget"));

        assertEquals("*payments* · week of 9–15 Nov 2026: figures withheld. Fewer than 3 people contributed in this "
                + "period, so team figures would describe individuals. Tokenwise shows team-level figures only.",
                digest.text());
        assertEquals(1, digest.blocks().size());
    }

    @Test
    void costOnlyWhileDeliveryIsNotAvailable() {
        Scorecard current = card(MON, cost("30", "30", Map.of("coding", new BigDecimal("30")), List.of()), null, null);
        Scorecard previous = card(PREV, cost("0", "0", Map.of(), List.of()), null, null);

        SlackMessage digest = compose(new Input("payments", current, previous, false, null));

        assertEquals("""
                *Weekly digest · payments · 9–15 Nov 2026*

                *Headline*
                • Cost: *$30.00* ($0.00 last week)

                *Cost*
                • Tokens: 1.2M input · 8.4M cached input · 300k cache write · 912.3k output (incl. 200k reasoning)
                • Cache hit ratio: 85 %
                • By workflow: coding $30.00
                • Unattributed (linked to no PR): $30.00 (100 %)

                *Needs attention*
                • 100 % of spend ($30.00) is linked to no pull request

                _Team-level figures only: Tokenwise never shows a figure per person. Days in Europe/Berlin._""",
                digest.text());
    }

    @Test
    void agentErrorsJoinTheSustainabilitySection() {
        Map<String, Integer> byClass = new java.util.LinkedHashMap<>();
        for (String c : List.of("rate_limit", "overloaded", "auth", "server", "client", "other")) {
            byClass.put(c, 0);
        }
        byClass.put("rate_limit", 3);
        byClass.put("auth", 1);
        Scorecard.AgentErrors errors = new Scorecard.AgentErrors(4, byClass, 40, 3, 0.075, Map.of());
        Scorecard c = card(MON, cost("30", "30", Map.of("coding", new BigDecimal("30")), List.of()), null, null);
        Scorecard current = new Scorecard(c.team(), c.from(), c.to(), c.timezone(), false, null, c.cost(), null,
                null, null, errors, null);

        String text = compose(new Input("payments", current, null, false, null)).text();

        assertTrue(text.contains("""
                *Sustainability*
                • Agent errors: 4 (rate limit 3, auth 1) · 3 of 40 agent sessions (7.5 %) saw at least one

                """), text);
    }

    @Test
    void theRunningWeekComparesWithTheSameDaysOfLastWeek() {
        Scorecard current = new Scorecard("payments", MON, MON.plusDays(3), "UTC", false, null,
                cost("50", "0", Map.of(), List.of()), delivery(0, null, null, 0, null, null), null, null, null, null);
        Scorecard previous = new Scorecard("payments", PREV, PREV.plusDays(3), "UTC", false, null,
                cost("40", "0", Map.of(), List.of()), delivery(2, "20", null, 1, null, null), null, null, null, null);

        SlackMessage digest = compose(new Input("payments", current, previous, true, null));

        assertTrue(digest.text().startsWith("""
                *Digest so far · payments · 9–11 Nov 2026*

                *Headline*
                • Cost: *$50.00* (+25 % vs the same days last week)
                • Merged PRs: *0* (2 the same days last week)
                • Cost per merged PR: n/a (no PR merged)
                """), digest.text());
        assertTrue(digest.text().contains("*Needs attention*\n• $50.00 spent and no PR merged\n"), digest.text());
    }

    @Test
    void staysWithinSlackLimitsWhateverTheInput() throws Exception {
        List<String> models = IntStream.range(0, 500).mapToObj(i -> "vendor/<model>-" + "x".repeat(200) + i).toList();
        Scorecard huge = card(MON, cost("99999999.99", "1", Map.of("coding", new BigDecimal("99999999.99")), models),
                delivery(100000, "999.99", 999.0, 100000, 1.0, 1.0), quality(100000, 100000, 999.0, 100000));

        SlackMessage digest = compose(new Input("a-very-long-team-name-" + "x".repeat(42), huge,
                card(PREV, null, null, null), false, "• " + "budget ".repeat(1000)));

        JsonNode blocks = new ObjectMapper().readTree(digest.blocksJson());
        assertTrue(blocks.size() <= 50);
        // Every section is there (so the checks below run on all of them), the cost section cut at 3,000 characters.
        List<String> types = new ArrayList<>();
        blocks.forEach(b -> types.add(b.get("type").asText()));
        assertEquals(List.of("header", "section", "divider", "section", "section", "section", "section", "section",
                "divider", "section", "context"), types);
        assertEquals(3000, blocks.get(6).get("text").get("text").asText().length());
        for (JsonNode b : blocks) {
            if (b.has("text")) {
                int max = "header".equals(b.get("type").asText()) ? 150 : 3000;
                assertTrue(b.get("text").get("text").asText().length() <= max, b.toString());
            }
        }
        assertTrue(digest.text().length() <= 12_000);
        assertTrue(digest.text().contains("and 495 more"));
        assertFalse(digest.text().contains("<model>"), "mrkdwn control characters are escaped");
    }
}
