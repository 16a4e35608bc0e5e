package dev.tokenwise.digest;

import static dev.tokenwise.digest.Cards.MON;
import static dev.tokenwise.digest.Cards.card;
import static dev.tokenwise.digest.Cards.cost;
import static dev.tokenwise.digest.Cards.delivery;
import static dev.tokenwise.digest.Cards.quality;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.slack.render.AttentionMessages;

class AttentionRulesTest {

    private static final LocalDate PREV = MON.minusWeeks(1);

    /** The items as the digest words them. */
    private static List<String> evaluate(Scorecard current, Scorecard previous) {
        return AttentionMessages.items(AttentionRules.evaluate(current, previous));
    }

    private static Scorecard.Cost spend(String total, String unattributed, String... unpriced) {
        return cost(total, unattributed, Map.of(), List.of(unpriced));
    }

    @Test
    void aQuietWeekNeedsNothing() {
        Scorecard same = card(MON, spend("100", "10"), delivery(10, "10", 2.0, 3, 0.1, 0.05), quality(1, 0, null, 0));
        assertEquals(List.of(), evaluate(same, card(PREV, spend("100", "10"),
                delivery(10, "10", 2.0, 3, 0.1, 0.05), quality(1, 0, null, 0))));
    }

    @Test
    void costPerMergedPrUpWhileMergedPrsFlatOrFalling() {
        Scorecard prev = card(PREV, spend("100", "0"), delivery(10, "10", null, 0, null, null), null);
        assertEquals(List.of("Cost per merged PR up 50 % ($10.00 → $15.00) while merged PRs stayed flat (10 → 10)"),
                evaluate(card(MON, spend("150", "0"), delivery(10, "15", null, 0, null, null), null),
                        prev));
        assertEquals(List.of("Cost per merged PR up 25 % ($10.00 → $12.50) while merged PRs fell (10 → 8)"),
                evaluate(card(MON, spend("100", "0"), delivery(8, "12.5", null, 0, null, null), null),
                        prev));
        // More merged PRs: a higher cost per PR is not flagged; +19 % is under the threshold.
        assertEquals(List.of(), evaluate(card(MON, spend("300", "0"),
                delivery(12, "25", null, 0, null, null), null), prev));
        assertEquals(List.of(), evaluate(card(MON, spend("119", "0"),
                delivery(10, "11.9", null, 0, null, null), null), prev));
    }

    @Test
    void spendWithoutMergesIsFlaggedFromTenDollars() {
        assertEquals(List.of("$10.00 spent and no PR merged"), evaluate(
                card(MON, spend("10", "0"), delivery(0, null, null, 0, null, null), null), null));
        assertEquals(List.of(), evaluate(
                card(MON, spend("9.99", "0"), delivery(0, null, null, 0, null, null), null), null));
    }

    @Test
    void reviewWaitRisingFromOneHourAndAQuarter() {
        Scorecard prev = card(PREV, null, delivery(1, null, 2.0, 0, null, null), null);
        assertEquals(List.of("Review wait rising: median 2.5 h, up from 2.0 h"),
                evaluate(card(MON, null, delivery(1, null, 2.5, 0, null, null), null), prev));
        assertEquals(List.of(),
                evaluate(card(MON, null, delivery(1, null, 2.4, 0, null, null), null), prev));
        Scorecard shortBefore = card(PREV, null, delivery(1, null, 0.2, 0, null, null), null);
        assertEquals(List.of(),
                evaluate(card(MON, null, delivery(1, null, 0.9, 0, null, null), null), shortBefore));
    }

    @Test
    void escapedDefectsAndChangeFailureRateUp() {
        Scorecard prev = card(PREV, null, delivery(1, null, null, 10, 0.1, null), quality(1, 0, null, 0));
        assertEquals(List.of("Escaped defects up: 2, from 1", "Change failure rate up: 15 %, from 10 %"),
                evaluate(card(MON, null, delivery(1, null, null, 10, 0.15, null),
                        quality(2, 0, null, 0)), prev));
        Scorecard noFailuresBefore = card(PREV, null, delivery(1, null, null, 0, null, null), null);
        assertEquals(List.of("Change failure rate up: 50 %, from none"), evaluate(
                card(MON, null, delivery(1, null, null, 2, 0.5, null), null), noFailuresBefore));
    }

    @Test
    void unattributedSpendRerunsAndUnpricedModels() {
        Scorecard cur = card(MON, spend("100", "60", "acme-llm", "other<x>"), delivery(5, "20", null, 0, null, 0.25),
                null);
        Scorecard prev = card(PREV, spend("100", "0"), delivery(5, "20", null, 0, null, 0.1), null);
        assertEquals(List.of("60 % of spend ($60.00) is linked to no pull request",
                "Workflow reruns at 25 % of runs, up from 10 %",
                "Unpriced models count as $0 until priced: acme-llm, other&lt;x&gt;"),
                evaluate(cur, prev));
    }

    @Test
    void atMostFiveItemsAndNothingForAWithheldWeek() {
        Scorecard cur = card(MON, cost("100", "90", Map.of("coding", BigDecimal.TEN), List.of("m")),
                delivery(0, null, 9.0, 4, 0.5, 0.5), quality(5, 1, null, 1));
        Scorecard prev = card(PREV, spend("10", "0"), delivery(1, "10", 1.0, 4, 0.0, 0.1), quality(0, 0, null, 0));
        assertEquals(5, evaluate(cur, prev).size());
        Scorecard withheld = new Scorecard("payments", MON, MON.plusDays(7), "UTC", true, "few", null, null, null,
                null, null, null);
        assertEquals(List.of(), evaluate(withheld, prev));
    }

    /** A quiet week (nothing else to flag) with the given AI impact. */
    private static Scorecard aiWeek(Scorecard.AiImpact impact) {
        return Cards.withImpact(card(MON, spend("100", "0"), delivery(10, "10", 2.0, 1, null, null), null), impact);
    }

    @Test
    void aiAssistedPrsRevertedMoreOften() {
        // 1 of 4 against 1 of 10.
        assertEquals(List.of("AI-assisted PRs were reverted more often (25 % vs 10 %)"),
                evaluate(aiWeek(Cards.impact(4, 5.0, 1.0, 1, "0", "0", 10, 5.0, 1.0, 1)), null));
        // None reverted on the other side.
        assertEquals(List.of("AI-assisted PRs were reverted more often (33 % vs 0 %)"),
                evaluate(aiWeek(Cards.impact(3, 5.0, 1.0, 1, "0", "0", 4, 5.0, 1.0, 0)), null));
        // The same rate (1 of 5, 2 of 10), or a lower one: nothing.
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(5, 5.0, 1.0, 1, "0", "0", 10, 5.0, 1.0, 2)), null));
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(5, 5.0, 1.0, 0, "0", "0", 10, 5.0, 1.0, 2)), null));
    }

    @Test
    void aiAssistedPrsWaitedLongerForReview() {
        assertEquals(List.of("AI-assisted PRs waited longer for review (median 6.0 h vs 2.0 h)"),
                evaluate(aiWeek(Cards.impact(4, 5.0, 6.0, 0, "0", "0", 6, 5.0, 2.0, 0)), null));
        assertEquals(List.of("AI-assisted PRs waited longer for review (median 2.1 h vs 2.0 h)"),
                evaluate(aiWeek(Cards.impact(4, 5.0, 2.1, 0, "0", "0", 6, 5.0, 2.0, 0)), null));
        // Shorter, the same to the tenth of an hour, or a side without any review: nothing.
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(4, 5.0, 1.0, 0, "0", "0", 6, 5.0, 2.0, 0)), null));
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(4, 5.0, 2.04, 0, "0", "0", 6, 5.0, 2.0, 0)), null));
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(4, 5.0, 6.0, 0, "0", "0", 6, 5.0, null, 0)), null));
        assertEquals(List.of(), evaluate(aiWeek(Cards.impact(4, 5.0, null, 0, "0", "0", 6, 5.0, 2.0, 0)), null));
    }

    @Test
    void aWithheldComparisonFlagsNothingAboutAi() {
        // The counts behind a withheld comparison say nothing about reverts or reviews; no line may hint at them.
        assertEquals(List.of(), evaluate(aiWeek(Cards.withheldImpact("few")), null));
        assertEquals(List.of(), evaluate(aiWeek(null), null));
    }
}
