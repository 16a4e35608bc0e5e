package dev.tokenwise.digest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tokenwise.scorecard.Scorecard;

/** Hand-built scorecards for the composer and rule tests. */
public final class Cards {

    public static final LocalDate MON = LocalDate.parse("2026-11-09");

    private Cards() {
    }

    public static Scorecard.Cost cost(String total, String unattributed, Map<String, BigDecimal> byWorkflow,
            List<String> unpriced) {
        return new Scorecard.Cost(new BigDecimal(total), new BigDecimal(unattributed), 1_234_000, 8_400_000, 300_000,
                912_345, 200_000, 0.85, byWorkflow, Map.of(), unpriced);
    }

    public static Scorecard.Cost cost(String total, String unattributed) {
        Map<String, BigDecimal> wf = new LinkedHashMap<>();
        wf.put("review", new BigDecimal("200"));
        wf.put("coding", new BigDecimal("900"));
        wf.put("docs", BigDecimal.ZERO);
        wf.put("testing", new BigDecimal("134.56"));
        return cost(total, unattributed, wf, List.of());
    }

    public static Scorecard.Delivery delivery(int merged, String perPr, Double reviewWait, int deployments, Double cfr,
            Double rerun) {
        return new Scorecard.Delivery(merged, perPr == null ? null : new BigDecimal(perPr), 0.42,
                new Scorecard.Spread(18.5, 52.0), new Scorecard.Median(reviewWait), deployments, cfr, 1, rerun,
                new Scorecard.Spread(null, null), new Scorecard.Median(null), null, new Scorecard.Median(null));
    }

    /** {@code d} with the DORA keys of docs/contract.md §7.2 set (null: undefined). */
    public static Scorecard.Delivery withDora(Scorecard.Delivery d, Double lead, Double leadP90, Double recovery,
            Double rework, Double issue) {
        return new Scorecard.Delivery(d.mergedPrs(), d.costPerMergedPrUsd(), d.aiAssistedShare(), d.prCycleTimeHours(),
                d.reviewWaitHours(), d.deployments(), d.changeFailureRate(), d.rollbacks(), d.rerunRatio(),
                new Scorecard.Spread(lead, leadP90), new Scorecard.Median(recovery), rework,
                new Scorecard.Median(issue));
    }

    public static Scorecard.Quality quality(int defects, int incidents, Double restore, int afterHours) {
        return new Scorecard.Quality(defects, incidents, new Scorecard.Median(restore), afterHours);
    }

    public static Scorecard card(LocalDate from, Scorecard.Cost c, Scorecard.Delivery d, Scorecard.Quality q) {
        return new Scorecard("payments", from, from.plusDays(7), "Europe/Berlin", false, null, c, d, q, null, null, null);
    }

    /** The signals of {@link #impact} and {@link #withheldImpact}: usage 3, trailer 2, the rest 0. */
    public static Map<String, Integer> signals() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("label", 0);
        s.put("usage", 3);
        s.put("trailer", 2);
        s.put("body_marker", 0);
        s.put("bot_author", 0);
        return s;
    }

    /** A shown AI impact comparison, found by {@link #signals()}, agents claude 3 and copilot 1. */
    public static Scorecard.AiImpact impact(int aiMerged, Double aiCycle, Double aiWait, int aiReverted, String cost,
            String perPr, int otherMerged, Double otherCycle, Double otherWait, int otherReverted) {
        return new Scorecard.AiImpact(null, new Scorecard.AiCohort(aiMerged, new Scorecard.Median(aiCycle),
                new Scorecard.Median(aiWait), aiReverted, new BigDecimal(cost), perPr == null ? null
                        : new BigDecimal(perPr)),
                new Scorecard.Cohort(otherMerged, new Scorecard.Median(otherCycle), new Scorecard.Median(otherWait),
                        otherReverted),
                signals(), new TreeMap<>(Map.of("claude", 3, "copilot", 1)));
    }

    /** A withheld AI impact comparison: the reason and the counts only. */
    public static Scorecard.AiImpact withheldImpact(String reason) {
        return new Scorecard.AiImpact(reason, null, null, signals(), Map.of("claude", 3));
    }

    /** {@code card} with {@code impact} as its AI impact. */
    public static Scorecard withImpact(Scorecard card, Scorecard.AiImpact impact) {
        return new Scorecard(card.team(), card.from(), card.to(), card.timezone(), card.withheld(),
                card.withheldReason(), card.cost(), card.delivery(), card.quality(), impact, card.agentErrors(),
                card.valuePer1kUsd());
    }

    public static Scorecard empty(LocalDate from) {
        return card(from, new Scorecard.Cost(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0, 0, 0, null, Map.of(), Map.of(),
                List.of()),
                new Scorecard.Delivery(0, null, null, new Scorecard.Spread(null, null),
                        new Scorecard.Median(null), 0, null, 0, null, new Scorecard.Spread(null, null),
                        new Scorecard.Median(null), null, new Scorecard.Median(null)),
                quality(0, 0, null, 0));
    }
}
