package dev.tokenwise.digest;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What only a digest shows: token counts ({@code 1.2M}), counts, day ranges, mrkdwn escaping. Money, percentages,
 * hours and changes are {@link dev.tokenwise.common.Figures}, the same as in every other message.
 */
public final class DigestFormat {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DigestFormat() {
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
