package dev.tokenwise.slack.render;

import static dev.tokenwise.digest.Cards.MON;
import static dev.tokenwise.digest.Cards.card;
import static dev.tokenwise.digest.Cards.cost;
import static dev.tokenwise.digest.Cards.delivery;
import static dev.tokenwise.digest.Cards.impact;
import static dev.tokenwise.digest.Cards.quality;
import static dev.tokenwise.digest.Cards.withImpact;
import static dev.tokenwise.digest.Cards.withheldImpact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.Scorecard;

/** The weekly digest's "AI impact" section and its "needs attention" lines (docs/contract.md §9.4). */
class DigestAiImpactTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SlackMessage digest(Scorecard current, int minContributors) {
        return DigestMessages.digest(new DigestInput("payments", null, current, null, false, null, minContributors));
    }

    private static Scorecard week(Scorecard.AiImpact impact) {
        return withImpact(card(MON, cost("100", "0", Map.of(), List.of()), delivery(10, "10", 2.0, 1, 0.0, 0.0),
                quality(0, 0, null, 0)), impact);
    }

    @Test
    void theSectionFollowsQualityAndItsFindingsNeedAttention() throws Exception {
        // AI-assisted: 1 of 4 reverted (25 %) against 0 of 6, and a median review wait of 3.0 h against 2.0 h.
        SlackMessage m = digest(week(impact(4, 5.0, 3.0, 1, "12.34", "3.09", 6, 9.0, 2.0, 0)), 3);
        String text = m.text();
        assertTrue(text.indexOf("*Quality*") < text.indexOf("*AI impact*")
                && text.indexOf("*AI impact*") < text.indexOf("*Cost*"), text);
        List<String> sections = new ArrayList<>();
        for (JsonNode b : JSON.readTree(m.blocksJson())) {
            if (b.has("text") && "mrkdwn".equals(b.get("text").get("type").asText())) {
                sections.add(b.get("text").get("text").asText());
            }
        }
        assertEquals("*AI impact*\n• AI-assisted: 4 of 10 merged PRs (by usage 3, trailer 2) · cycle time 5.0 h vs "
                + "9.0 h · review wait 3.0 h vs 2.0 h · reverted 1 vs 0 · attributed $12.34 ($3.09 per PR)",
                sections.get(3));
        assertEquals("*Needs attention*\n• AI-assisted PRs were reverted more often (25 % vs 0 %)\n• AI-assisted PRs "
                + "waited longer for review (median 3.0 h vs 2.0 h)", sections.get(sections.size() - 1));
    }

    @Test
    void aWithheldComparisonIsOneLineAndNeedsNoAttention() throws Exception {
        SlackMessage m = digest(week(withheldImpact("Fewer than 4 people on a side.")), 4);
        assertTrue(m.text().contains("\n\n*AI impact*\n• AI signals: usage 3, trailer 2 · comparison withheld "
                + "(fewer than 4 people on a side)\n\n*Cost*"), m.text());
        assertTrue(m.text().contains("*Needs attention*\nNothing stands out this week."), m.text());
        assertFalse(m.text().contains("Fewer than 4 people on a side."), m.text());
    }

    @Test
    void noFiguresNoSection() {
        assertFalse(digest(week(null), 3).text().contains("AI impact"));
        Scorecard nothingMerged = withImpact(card(MON, cost("100", "0", Map.of(), List.of()),
                delivery(0, null, null, 0, null, null), null), withheldImpact("none merged"));
        assertFalse(digest(nothingMerged, 3).text().contains("AI impact"));
    }
}
