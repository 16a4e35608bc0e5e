package dev.tokenwise.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Money as the JSON answers carry it: USD with at most 4 decimals. A total is its exact sum rounded half up; the
 * parts of a total (spend by workflow, by model) are rounded so that they add up to that rounded total exactly: each
 * part is first rounded down to 0.0001, then the 0.0001s still missing go to the parts that lost most in rounding
 * down (largest remainder; ties to the earlier part in the map's order). No part moves by more than 0.0001 from its
 * own rounding.
 */
public final class Money {

    public static final int SCALE = 4;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /**
     * The decimal a double amount stands for (its shortest representation, so 0.00015 stays 0.00015 and rounds half
     * up to 0.0002); sums of amounts are then kept exact until they are shown.
     */
    public static BigDecimal of(double value) {
        return BigDecimal.valueOf(value);
    }

    /** An amount rounded half up to 4 decimals. */
    public static BigDecimal round(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The exact sum of the values, rounded half up to 4 decimals. */
    public static BigDecimal total(Iterable<BigDecimal> exact) {
        return total(exact, SCALE);
    }

    /** The exact sum of the values, rounded half up to {@code scale} decimals. */
    public static BigDecimal total(Iterable<BigDecimal> exact, int scale) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : exact) {
            sum = sum.add(v);
        }
        return sum.setScale(scale, RoundingMode.HALF_UP);
    }

    /** The parts rounded to 4 decimals so that they add up to {@link #total} of the same values; order kept. */
    public static <K> Map<K, BigDecimal> parts(Map<K, BigDecimal> exact) {
        return parts(exact, SCALE);
    }

    /**
     * The parts rounded to {@code scale} decimals (4 in JSON, 2 for cents in chat) so that they add up to
     * {@link #total(Iterable, int)} of the same values; order kept.
     */
    public static <K> Map<K, BigDecimal> parts(Map<K, BigDecimal> parts, int scale) {
        BigDecimal total = total(parts.values(), scale);
        record Part<K>(K key, BigDecimal floor, BigDecimal remainder, int order) {
        }
        List<Part<K>> list = new ArrayList<>();
        BigDecimal floors = BigDecimal.ZERO;
        int i = 0;
        for (Map.Entry<K, BigDecimal> e : parts.entrySet()) {
            BigDecimal exact = e.getValue();
            BigDecimal floor = exact.setScale(scale, RoundingMode.FLOOR);
            list.add(new Part<>(e.getKey(), floor, exact.subtract(floor), i++));
            floors = floors.add(floor);
        }
        long missing = total.subtract(floors).movePointRight(scale).setScale(0, RoundingMode.HALF_UP).longValueExact();
        List<Part<K>> byRemainder = new ArrayList<>(list);
        byRemainder.sort(Comparator.comparing((Part<K> p) -> p.remainder()).reversed()
                .thenComparingInt(Part::order));
        Map<K, BigDecimal> out = new LinkedHashMap<>();
        list.forEach(p -> out.put(p.key(), p.floor()));
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        // The exact parts add up to within half a unit of the total, so 0 ≤ missing ≤ number of parts.
        for (int j = 0; j < missing && j < byRemainder.size(); j++) {
            out.merge(byRemainder.get(j).key(), unit, BigDecimal::add);
        }
        return out;
    }
}
