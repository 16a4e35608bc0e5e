package dev.tokenwise.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Figures as people read them, the same in every message (digests, alerts, slash-command answers):
 * {@code $1,234.50}, {@code 42 %} (one decimal below 10 %: {@code 2.5 %}), {@code 3.5 h}, {@code +12 %},
 * {@code Mon 9 Nov}; "n/a" where there is no figure (SPEC: never infinity). One fixed locale (English, as the rest
 * of the messages), so a message reads the same on every server.
 */
public final class Figures {

    /** What is shown where a figure does not exist (no PR merged, no previous period). */
    public static final String NA = "n/a";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private Figures() {
    }

    /** {@code $30.00}, {@code -$4.10}; "n/a" for null. */
    public static String usd(BigDecimal v) {
        if (v == null) {
            return NA;
        }
        // Note: DecimalFormat is not thread-safe, so one per call (cheap next to a Slack round trip).
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return (v.signum() < 0 ? "-$" : "$") + f.format(v.abs());
    }

    /** As {@link #usd(BigDecimal)}. */
    public static String usd(double v) {
        return usd(BigDecimal.valueOf(v));
    }

    /** A ratio (1 = 100 %) as {@code 42 %} (one decimal below 10 %: {@code 2.5 %}); "n/a" for null. */
    public static String percent(Double ratio) {
        if (ratio == null || ratio.isNaN() || ratio.isInfinite()) {
            return NA;
        }
        double p = ratio * 100;
        if (p != 0 && Math.abs(p) < 10) {
            return BigDecimal.valueOf(p).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
        }
        return Math.round(p) + " %";
    }

    /** {@code 3.5 h}, {@code 1,204.0 h}; "n/a" for null. */
    public static String hours(Double h) {
        if (h == null || h.isNaN() || h.isInfinite()) {
            return NA;
        }
        DecimalFormat f = new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(h) + " h";
    }

    /**
     * The change from {@code previous} to {@code current}: {@code +12 %}, {@code -5 %}, {@code ±0 %}; null when
     * there is nothing to compare with (either is null, or the previous value is 0).
     */
    public static String change(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        double ratio = current.subtract(previous).doubleValue() / previous.doubleValue();
        long p = Math.round(ratio * 100);
        return p == 0 ? "±0 %" : (p > 0 ? "+" : "") + p + " %";
    }

    public static String change(double current, double previous) {
        return change(BigDecimal.valueOf(current), BigDecimal.valueOf(previous));
    }

    public static String change(Integer current, Integer previous) {
        return change(current == null ? null : BigDecimal.valueOf(current),
                previous == null ? null : BigDecimal.valueOf(previous));
    }

    /** {@code Mon 9 Nov – Sun 15 Nov 2026} for the half-open [from, to). */
    public static String range(LocalDate from, LocalDate toExclusive) {
        LocalDate last = toExclusive.minusDays(1);
        if (last.equals(from)) {
            return DAY_YEAR.format(from);
        }
        return (from.getYear() == last.getYear() ? DAY.format(from) : DAY_YEAR.format(from)) + " – "
                + DAY_YEAR.format(last);
    }
}
