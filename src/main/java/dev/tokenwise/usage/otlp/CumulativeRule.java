package dev.tokenwise.usage.otlp;

/**
 * The ingest contract's rule for turning a cumulative series into deltas: what one point counts, given the last
 * point taken of its series (a row of {@code otlp_series}). It is a pure function so that every case can be tested
 * on its own; {@link OtlpMetricsService} applies it while it holds the series row locked, and stores the new held
 * point in the same transaction as the events.
 */
final class CumulativeRule {

    private CumulativeRule() {
    }

    /** The last point taken of a series: the start of its run, its time and the running total at that time. */
    record Held(long start, long time, double value) {
    }

    /** What a point counts (never negative), and the point held afterwards ({@code held} itself if not taken). */
    record Step(double delta, Held held) {
    }

    static Step apply(Held held, long start, long time, double value) {
        Held point = new Held(start, time, value);
        if (held == null) {
            // A series seen for the first time counts its whole value, also when start == time: SDKs that stamp in
            // milliseconds (the JS SDK) send the first point of a series created within the millisecond of the
            // export that way, with a real value. Counting it as a baseline lost those tokens.
            return new Step(value, point);
        }
        if (time <= held.time()) {
            // An exporter's retry of the point already taken (same start, time and value), or an older point that
            // arrives late: whatever it holds was counted when the later point was taken.
            return new Step(0, held);
        }
        if (start == time) {
            // A re-observation with an unknown start: it may continue the held run or be a new run that began
            // within its own millisecond. If the value did not drop, only the increase can be new; if it dropped,
            // the run was restarted and all of it is new.
            return new Step(increase(held, value), point);
        }
        if (start > held.start()) {
            // A new run (the exporter restarted): its running total started from 0.
            return new Step(value, point);
        }
        if (start < held.start()) {
            // A late point of a run that a newer one has replaced: counting it would count that run twice.
            return new Step(0, held);
        }
        return new Step(increase(held, value), point);
    }

    /** The increase over the held total, or the whole value when it dropped (a reset that kept its start). */
    private static double increase(Held held, double value) {
        return value >= held.value() ? value - held.value() : value;
    }
}
