package dev.tokenwise.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** The few statistics docs/contract.md §8.1 defines, and rounding for JSON answers. */
public final class Stats {

    private Stats() {
    }

    /** Median; an even count gives the mean of the two middle values. Null for no values. */
    public static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Nearest-rank percentile (p in 0..100): the value at rank ceil(p/100 × n). Null for no values. */
    public static Double percentile(double[] values, double p) {
        if (values.length == 0) {
            return null;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100d * v.length);
        return v[Math.max(0, Math.min(v.length, rank) - 1)];
    }

    /** Money in USD as the JSON answers show it: 4 decimals, half up. */
    public static BigDecimal usd(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    /** Hours, ratios and other figures: 4 decimals, half up; null stays null. */
    public static Double round4(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** a / b, or null when b is 0 (SPEC: "n/a", never infinity). */
    public static Double ratio(double a, double b) {
        return b == 0 ? null : a / b;
    }
}
