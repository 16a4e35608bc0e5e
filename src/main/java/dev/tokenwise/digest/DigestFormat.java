package dev.tokenwise.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Figures as people read them in a digest: {@code $1,234.50}, {@code 42 %}, {@code 3.5 h}, {@code 1.2M}. One
 * fixed locale (English, as the rest of the messages) so that a digest reads the same on every server.
 */
public final class DigestFormat {

    static final String NA = "n/a";
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DigestFormat() {
    }

    /** {@code $1,234.56}; null is "n/a". */
    public static String usd(BigDecimal value) {
        if (value == null) {
            return NA;
        }
        return "$" + new DecimalFormat("#,##0.00", SYMBOLS).format(value.setScale(2, RoundingMode.HALF_UP));
    }

    /** A ratio in 0..1 as a whole percentage: {@code 42 %}; null is "n/a". */
    public static String percent(Double ratio) {
        if (ratio == null) {
            return NA;
        }
        return Math.round(ratio * 100) + " %";
    }

    /** Hours with one decimal: {@code 3.5 h}; null is "n/a". */
    public static String hours(Double hours) {
        if (hours == null) {
            return NA;
        }
        return new DecimalFormat("#,##0.0", SYMBOLS).format(hours) + " h";
    }

    /** Token counts: {@code 950}, {@code 12.3k}, {@code 4.5M}, {@code 1.2B}. */
    public static String tokens(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        DecimalFormat oneDecimal = new DecimalFormat("#,##0.#", SYMBOLS);
        if (n < 1_000_000) {
            return oneDecimal.format(n / 1_000d) + "k";
        }
        if (n < 1_000_000_000) {
            return oneDecimal.format(n / 1_000_000d) + "M";
        }
        return oneDecimal.format(n / 1_000_000_000d) + "B";
    }

    /** Whole numbers with thousands separators: {@code 1,234}. */
    public static String count(long n) {
        return new DecimalFormat("#,##0", SYMBOLS).format(n);
    }

    /** Relative change as {@code +12 %} / {@code -5 %}, or null when there is no base to compare with. */
    public static String change(double current, double previous) {
        if (previous == 0) {
            return null;
        }
        long pct = Math.round((current - previous) / previous * 100);
        return (pct > 0 ? "+" : "") + pct + " %";
    }

    /**
     * The days of a half-open period [from, to) as a short range: {@code 9–15 Nov 2026},
     * {@code 28 Sep – 4 Oct 2026}, {@code 29 Dec 2025 – 4 Jan 2026}, or one day {@code 9 Nov 2026}.
     */
    public static String days(LocalDate from, LocalDate toExclusive) {
        LocalDate last = toExclusive.minusDays(1);
        if (!last.isAfter(from)) {
            return DAY_MONTH_YEAR.format(from);
        }
        if (from.getYear() != last.getYear()) {
            return DAY_MONTH_YEAR.format(from) + " – " + DAY_MONTH_YEAR.format(last);
        }
        if (from.getMonth() != last.getMonth()) {
            return DAY_MONTH.format(from) + " – " + DAY_MONTH_YEAR.format(last);
        }
        return from.getDayOfMonth() + "–" + DAY_MONTH_YEAR.format(last);
    }

    /** Escapes the three characters Slack mrkdwn reserves ({@code & < >}) in text that came from outside. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts text to at most {@code max} characters, ending with an ellipsis when cut. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
