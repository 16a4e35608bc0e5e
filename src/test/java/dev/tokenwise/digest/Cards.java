package dev.tokenwise.digest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                new Scorecard.Spread(18.5, 52.0), new Scorecard.Median(reviewWait), deployments, cfr, 1, rerun);
    }

    public static Scorecard.Quality quality(int defects, int incidents, Double restore, int afterHours) {
        return new Scorecard.Quality(defects, incidents, new Scorecard.Median(restore), afterHours);
    }

    public static Scorecard card(LocalDate from, Scorecard.Cost c, Scorecard.Delivery d, Scorecard.Quality q) {
        return new Scorecard("payments", from, from.plusDays(7), "Europe/Berlin", false, null, c, d, q, null, null, null);
    }

    public static Scorecard empty(LocalDate from) {
        return card(from, new Scorecard.Cost(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0, 0, 0, null, Map.of(), Map.of(),
                List.of()),
                new Scorecard.Delivery(0, null, null, new Scorecard.Spread(null, null),
                        new Scorecard.Median(null), 0, null, 0, null),
                quality(0, 0, null, 0));
    }
}
