package dev.tokenwise.slack.render;

import static dev.tokenwise.digest.Cards.MON;
import static dev.tokenwise.digest.Cards.card;
import static dev.tokenwise.digest.Cards.cost;
import static dev.tokenwise.digest.Cards.delivery;
import static dev.tokenwise.digest.Cards.quality;
import static dev.tokenwise.digest.Cards.withDora;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.Scorecard;

/** The weekly digest's DORA lines in its Flow section (docs/contract.md §9.4), with the week-over-week change. */
class DigestDoraTest {

    private static Scorecard week(Scorecard.Delivery d) {
        return card(MON, cost("100", "0", Map.of(), List.of()), d, quality(0, 0, null, 0));
    }

    private static String digest(Scorecard current, Scorecard previous) {
        return DigestMessages.digest(new DigestInput("payments", null, current, previous, false, null, 3)).text();
    }

    @Test
    void leadTimeRecoveryAndReworkWithTheirChange() {
        Scorecard now = week(withDora(delivery(10, "10", 2.0, 5, 0.2, 0.0), 24.0, 52.0, 4.5, 0.6, 68.5));
        Scorecard before = week(withDora(delivery(8, "10", 2.0, 4, 0.2, 0.0), 30.0, 40.0, null, 0.25, 50.0));
        String text = digest(now, before);
        assertTrue(text.contains("• Deployments to production: 5 (4 last week)\n"
                + "• Lead time for changes: median 24.0 h · p90 52.0 h (-20 % vs last week)\n"
                + "• Recovery from a failed deployment: median 4.5 h\n"
                + "• Deployment rework: 60 % of deployments (25 % last week)\n"
                + "• AI-assisted: 42 % of merged PRs"), text);
    }

    @Test
    void aKeyGoneSinceLastWeekShowsLastWeeksValue() {
        Scorecard now = week(withDora(delivery(10, "10", 2.0, 0, null, 0.0), null, null, null, null, null));
        Scorecard before = week(withDora(delivery(8, "10", 2.0, 4, 0.2, 0.0), 30.0, 40.0, 2.0, 0.25, 50.0));
        String text = digest(now, before);
        assertTrue(text.contains("• Lead time for changes: median n/a · p90 n/a (30.0 h last week)\n"
                + "• Recovery from a failed deployment: median n/a (2.0 h last week)\n"
                + "• Deployment rework: n/a (25 % last week)\n"), text);
    }

    @Test
    void noKeysNoLines() {
        String text = digest(week(delivery(10, "10", 2.0, 0, null, 0.0)), null);
        assertFalse(text.contains("Lead time"), text);
        assertFalse(text.contains("Recovery"), text);
        assertFalse(text.contains("rework"), text);
    }
}
