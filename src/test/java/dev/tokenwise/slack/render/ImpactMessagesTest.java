package dev.tokenwise.slack.render;

import static dev.tokenwise.digest.Cards.impact;
import static dev.tokenwise.digest.Cards.withheldImpact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.digest.Cards;
import dev.tokenwise.scorecard.Scorecard;

/** {@code /tokenwise impact} and the digest's AI impact line, as exact output. */
class ImpactMessagesTest {

    private static final LocalDate MON = LocalDate.parse("2026-11-09");
    private static final String COMPARISON_WITHHELD = "The comparison needs merged PRs from at least 3 different "
            + "people on each side (AI-assisted and other); with fewer it would tell who uses AI. Tokenwise compares "
            + "groups only.";

    private static ImpactMessages.Report report(String withheld, int merged, Scorecard.AiImpact impact) {
        return new ImpactMessages.Report("payments", "Europe/Berlin", "last week", MON, MON.plusDays(7), withheld,
                merged, impact);
    }

    @Test
    void comparesTheCohortsAndNamesTheSignals() {
        SlackMessage m = ImpactMessages.answer(report(null, 10,
                impact(4, 5.0, 1.0, 1, "12.34", "3.09", 6, 9.0, 2.0, 0)));
        assertEquals("AI impact · payments · last week (Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)): AI-assisted 4 "
                + "of 10 merged PRs, other 6; cycle time median 5.0 h AI-assisted vs 9.0 h other; review wait median "
                + "1.0 h vs 2.0 h; reverted 1 of 4 (25 %) vs 0 of 6 (0 %); attributed cost $12.34 · $3.09 per "
                + "AI-assisted PR; found by label 0 · usage 3 · trailer 2 · body marker 0 · bot author 0; agents "
                + "named claude 3 · copilot 1.", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"AI impact · payments · "
                + "last week\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*AI-assisted: 4 of 10 "
                + "merged PRs* (other: 6)\\n• Cycle time, median: 5.0 h AI-assisted vs 9.0 h other\\n• Review wait, "
                + "median: 1.0 h vs 2.0 h\\n• Reverted: 1 of 4 (25 %) vs 0 of 6 (0 %)\\n• Attributed cost: $12.34 · "
                + "$3.09 per AI-assisted PR\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Found "
                + "by*: label 0 · usage 3 · trailer 2 · body marker 0 · bot author 0\\n*Agents named*: claude 3 · "
                + "copilot 1\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"Mon 9 Nov – Sun "
                + "15 Nov 2026 (Europe/Berlin) · AI-assisted = a merged PR that any signal found (label, usage, "
                + "trailer, body marker, bot author). Team-level figures only.\"}]}]", m.blocksJson());
    }

    @Test
    void missingMediansAreNotAvailable() {
        SlackMessage m = ImpactMessages.answer(report(null, 7, impact(3, 4.0, null, 0, "0", "0", 4, 2.5, 1.5, 2)));
        assertEquals("AI impact · payments · last week (Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)): AI-assisted 3 "
                + "of 7 merged PRs, other 4; cycle time median 4.0 h AI-assisted vs 2.5 h other; review wait median "
                + "n/a vs 1.5 h; reverted 0 of 3 (0 %) vs 2 of 4 (50 %); attributed cost $0.00 · $0.00 per "
                + "AI-assisted PR; found by label 0 · usage 3 · trailer 2 · body marker 0 · bot author 0; agents "
                + "named claude 3 · copilot 1.", m.text());
    }

    @Test
    void aWithheldComparisonSaysWhyAndShowsTheCountsOnly() {
        SlackMessage m = ImpactMessages.answer(report(null, 5, withheldImpact(COMPARISON_WITHHELD)));
        assertEquals("AI impact · payments · last week (Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)): No comparison "
                + "this time. " + COMPARISON_WITHHELD + " AI-assisted PRs found by label 0 · usage 3 · trailer 2 · "
                + "body marker 0 · bot author 0; agents named claude 3.", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"AI impact · payments · "
                + "last week\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":lock: No comparison "
                + "this time. " + COMPARISON_WITHHELD + "\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                + "\"text\":\"*Found by*: label 0 · usage 3 · trailer 2 · body marker 0 · bot author 0\\n*Agents "
                + "named*: claude 3\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"Mon 9 Nov "
                + "– Sun 15 Nov 2026 (Europe/Berlin) · AI-assisted = a merged PR that any signal found (label, usage, "
                + "trailer, body marker, bot author). Team-level figures only.\"}]}]", m.blocksJson());
    }

    @Test
    void aWithheldPeriodGivesTheReasonOnly() {
        SlackMessage m = ImpactMessages.answer(report("Fewer than 3 people contributed.", 0, null));
        assertEquals("AI impact · payments · last week\nFewer than 3 people contributed.", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"AI impact · payments · "
                + "last week\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":lock: Fewer than 3 "
                + "people contributed.\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"Mon 9 "
                + "Nov – Sun 15 Nov 2026 (Europe/Berlin) · Tokenwise shows figures for teams, workflows, repositories "
                + "and sessions — never for a person. Tokens are telemetry and a cost line, not a personal score.\"}]}]",
                m.blocksJson());
    }

    @Test
    void nothingMergedIsSaidSo() {
        SlackMessage m = ImpactMessages.answer(report(null, 0, new Scorecard.AiImpact(COMPARISON_WITHHELD, null,
                null, Map.of(), Map.of())));
        assertEquals("AI impact · payments · last week (Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)): No PR was "
                + "merged in this period, so there is nothing to compare yet.", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"AI impact · payments · "
                + "last week\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"No PR was merged in "
                + "this period, so there is nothing to compare yet.\"}},{\"type\":\"context\",\"elements\":[{\"type\":"
                + "\"mrkdwn\",\"text\":\"Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin) · AI-assisted = a merged PR that "
                + "any signal found (label, usage, trailer, body marker, bot author). Team-level figures only.\"}]}]",
                m.blocksJson());
    }

    @Test
    void theDigestLineIsShort() {
        assertEquals("*AI impact*\n• AI-assisted: 4 of 10 merged PRs (by usage 3, trailer 2) · cycle time 5.0 h vs "
                + "9.0 h · review wait 1.0 h vs 2.0 h · reverted 1 vs 0 · attributed $12.34 ($3.09 per PR)",
                ImpactMessages.digestSection(impact(4, 5.0, 1.0, 1, "12.34", "3.09", 6, 9.0, 2.0, 0), 10, 3));
        assertEquals("*AI impact*\n• AI signals: usage 3, trailer 2 · comparison withheld (fewer than 3 people on a "
                + "side)", ImpactMessages.digestSection(withheldImpact(COMPARISON_WITHHELD), 5, 3));
        Map<String, Integer> none = Cards.signals();
        none.replaceAll((k, v) -> 0);
        assertEquals("*AI impact*\n• AI signals: none · comparison withheld (fewer than 5 people on a side)",
                ImpactMessages.digestSection(new Scorecard.AiImpact("few", null, null, none, Map.of()), 5, 5));
        // Nothing merged, or no figures at all: no line.
        assertNull(ImpactMessages.digestSection(withheldImpact(COMPARISON_WITHHELD), 0, 3));
        assertNull(ImpactMessages.digestSection(null, 5, 3));
    }
}
