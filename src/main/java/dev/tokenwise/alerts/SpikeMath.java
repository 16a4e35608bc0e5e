package dev.tokenwise.alerts;

import java.util.Arrays;

import dev.tokenwise.common.Stats;

/**
 * The spend-spike rule of docs/contract.md §9, pure. Today's spend is a spike when it is above
 * {@code max(factor × median, median + madFactor × MAD)} and above the floor, where median and MAD come from the
 * previous days' spend (days without spend count as 0) and MAD is the unscaled median absolute deviation:
 * median(|x − median|).
 */
public final class SpikeMath {

    /** The outcome: the baseline figures and whether today is a spike. */
    public record Check(double today, double median, double mad, double threshold, boolean spike) {
    }

    private SpikeMath() {
    }

    public static Check check(double today, double[] history, double factor, double madFactor, double floor) {
        double median = history.length == 0 ? 0 : Stats.median(history);
        double mad = history.length == 0 ? 0
                : Stats.median(Arrays.stream(history).map(x -> Math.abs(x - median)).toArray());
        double threshold = Math.max(factor * median, median + madFactor * mad);
        boolean spike = today > threshold && today > floor;
        return new Check(today, median, mad, threshold, spike);
    }
}
