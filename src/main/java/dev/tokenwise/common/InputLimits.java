package dev.tokenwise.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.tokenwise.common.error.Problem;

/**
 * The bounds every stored value from a client must keep (README "Limits"), and checks that add one
 * {@link Problem.Violation} naming the field when a value breaks them. The bounds are chosen to fit the columns
 * they go into (so a valid value is never refused by the database, which would be a 5xx) and to be far beyond any
 * real value (so they never refuse a real one).
 */
public final class InputLimits {

    /** Dates and times are accepted from 2000-01-01 (inclusive) to 2101-01-01 (exclusive), UTC. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate END_DAY = LocalDate.of(2101, 1, 1);
    public static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant END_INSTANT = END_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final String TIME_RANGE = "must be between 2000-01-01 and 2100-12-31";

    private InputLimits() {
    }

    /**
     * A decimal in {@code [min, max]} with at most {@code decimals} decimals (trailing zeros do not count), else one
     * violation saying the whole rule. {@code minExclusive} makes the lower bound strict ("greater than 0").
     */
    public static void decimal(List<Problem.Violation> errors, String field, BigDecimal v, BigDecimal min,
            boolean minExclusive, BigDecimal max, int decimals) {
        if (v == null) {
            return;
        }
        int low = v.compareTo(min);
        boolean ok = (minExclusive ? low > 0 : low >= 0) && v.compareTo(max) <= 0
                && v.stripTrailingZeros().scale() <= decimals;
        if (!ok) {
            errors.add(new Problem.Violation(null, field, "must be " + (minExclusive ? "greater than " : "from ")
                    + min.toPlainString() + (minExclusive ? " and at most " : " to ") + max.toPlainString()
                    + " with at most " + decimals + " decimals"));
        }
    }

    /** {@code v} without trailing zeros, written plainly: what is stored and shown for a validated decimal. */
    public static BigDecimal normalised(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros();
    }

    /** True when {@code s} holds a control character (NUL included) that no name or label ever has. */
    public static boolean hasControl(String s) {
        return s != null && s.chars().anyMatch(Character::isISOControl);
    }

    /**
     * A name (label, environment, model): 1 to {@code max} characters after trimming, no control characters.
     * Adds one violation and answers false when it is not.
     */
    public static boolean name(List<Problem.Violation> errors, String field, String v, int max) {
        if (v == null || v.isBlank()) {
            errors.add(new Problem.Violation(null, field, "must not be blank"));
            return false;
        }
        if (v.trim().length() > max) {
            errors.add(new Problem.Violation(null, field, "must have at most " + max + " characters"));
            return false;
        }
        if (hasControl(v)) {
            errors.add(new Problem.Violation(null, field, "must not contain control characters (such as NUL)"));
            return false;
        }
        return true;
    }

    public static boolean inRange(LocalDate d) {
        return d == null || !d.isBefore(FIRST_DAY) && d.isBefore(END_DAY);
    }

    public static boolean inRange(Instant t) {
        return t == null || !t.isBefore(FIRST_INSTANT) && t.isBefore(END_INSTANT);
    }

    /** Adds a violation when {@code t} (may be null: absent) is outside 2000–2100. */
    public static void time(List<Problem.Violation> errors, String field, Instant t) {
        if (!inRange(t)) {
            errors.add(new Problem.Violation(null, field, TIME_RANGE));
        }
    }
}
