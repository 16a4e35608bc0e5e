package dev.tokenwise.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The arithmetic of budgets and their thresholds, kept pure so it can be tested without a database. */
public final class BudgetMath {

    /** Thresholds of docs/contract.md §9, in percent of the envelope. */
    public static final int[] THRESHOLDS = { 50, 80, 100 };

    private BudgetMath() {
    }

    /**
     * Elapsed days of a month at {@code asOf}: the share of the month's real duration that has passed, times the
     * number of calendar days. So at local noon on the 10th of a 30-day month it is 9.5; a month with a DST change
     * (743 or 745 h) still ends at exactly {@code daysInMonth}, which keeps the forecast equal to the spend on the
     * month's last instant. Clamped to [0, daysInMonth].
     */
    public static double elapsedDays(Instant monthStart, Instant monthEnd, Instant asOf, int daysInMonth) {
        long total = Duration.between(monthStart, monthEnd).toMillis();
        long done = Duration.between(monthStart, asOf).toMillis();
        double share = Math.max(0d, Math.min(1d, (double) done / total));
        return share * daysInMonth;
    }

    /** docs/contract.md §7: spent / elapsed days × days in month; null before any time has elapsed. */
    public static Double forecast(double spent, double elapsedDays, int daysInMonth) {
        return elapsedDays <= 0 ? null : spent / elapsedDays * daysInMonth;
    }

    /** The highest threshold (0, 50, 80, 100) that {@code spent} has reached; 0 without a positive envelope. */
    public static int levelOf(double spent, BigDecimal envelope) {
        if (envelope == null || envelope.signum() <= 0) {
            return 0;
        }
        double ratio = spent / envelope.doubleValue();
        int level = 0;
        for (int t : THRESHOLDS) {
            // Note: a small epsilon so that 4000.0 of 5000 reads as 80 % despite binary rounding of the sums.
            if (ratio + 1e-9 >= t / 100d) {
                level = t;
            }
        }
        return level;
    }

    /** The thresholds passed when the level goes from {@code from} (exclusive) to {@code to} (inclusive). */
    public static List<Integer> crossed(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int t : THRESHOLDS) {
            if (t > from && t <= to) {
                out.add(t);
            }
        }
        return out;
    }

    /** "50 %", "50 % and 80 %", "50 %, 80 % and 100 %". */
    public static String describe(List<Integer> thresholds) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < thresholds.size(); i++) {
            if (i > 0) {
                sb.append(i == thresholds.size() - 1 ? " and " : ", ");
            }
            sb.append(thresholds.get(i)).append(" %");
        }
        return sb.toString();
    }
}
