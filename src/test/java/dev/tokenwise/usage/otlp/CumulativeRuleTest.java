package dev.tokenwise.usage.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import dev.tokenwise.usage.otlp.CumulativeRule.Held;
import dev.tokenwise.usage.otlp.CumulativeRule.Step;

/** Every case of the cumulative → delta rule, point by point, without a database. */
class CumulativeRuleTest {

    /** Milliseconds in nanoseconds: the JS SDK's stamps are whole milliseconds. */
    static final long MS = 1_000_000L;
    static final long M = 1_772_449_200_123L * MS;
    static final long MIN = 60_000 * MS;

    private static void assertTaken(Step step, double delta, long start, long time, double value) {
        assertEquals(delta, step.delta(), 1e-12, "delta");
        assertEquals(new Held(start, time, value), step.held(), "held point");
    }

    private static void assertIgnored(Step step, Held held) {
        assertEquals(0.0, step.delta(), "delta");
        assertSame(held, step.held(), "the held point stays");
    }

    @Test
    void aFirstPointCountsItsWholeValueWhetherItsStartIsBeforeOrEqualToItsTime() {
        assertTaken(CumulativeRule.apply(null, M, M + MIN, 1200), 1200, M, M + MIN, 1200);
        assertTaken(CumulativeRule.apply(null, M, M, 1200), 1200, M, M, 1200);
        // OTLP lets a cumulative point leave its start unset (0): still the first point of its series.
        assertTaken(CumulativeRule.apply(null, 0, M, 70), 70, 0, M, 70);
    }

    @Test
    void aLaterPointOfTheSameRunCountsTheIncrease() {
        Held held = new Held(M, M, 1200);
        assertTaken(CumulativeRule.apply(held, M, M + MIN, 2000), 800, M, M + MIN, 2000);
        // No increase: nothing to count, but the point is taken (the next one is compared with it).
        assertTaken(CumulativeRule.apply(held, M, M + MIN, 1200), 0, M, M + MIN, 1200);
    }

    @Test
    void aDropWithinTheSameRunCountsTheNewValueNeverANegative() {
        Held held = new Held(M, M + MIN, 2000);
        assertTaken(CumulativeRule.apply(held, M, M + 2 * MIN, 150), 150, M, M + 2 * MIN, 150);
    }

    @Test
    void aNewStartIsARestartAndCountsTheWholeValueWhetherItIsLowerOrHigher() {
        Held held = new Held(M, M + MIN, 2000);
        long n = M + 2 * MIN;
        assertTaken(CumulativeRule.apply(held, n, n + MIN, 500), 500, n, n + MIN, 500);
        assertTaken(CumulativeRule.apply(held, n, n + MIN, 2600), 2600, n, n + MIN, 2600);
    }

    @Test
    void startEqualToTimeWithAHeldPointIsAReObservation() {
        Held held = new Held(M, M + MIN, 2000);
        long n = M + 2 * MIN;
        // The value grew: only the difference can be new.
        assertTaken(CumulativeRule.apply(held, n, n, 2600), 600, n, n, 2600);
        // The same value: nothing new, and the point is held so that the run it starts continues from it.
        assertTaken(CumulativeRule.apply(held, n, n, 2000), 0, n, n, 2000);
        // The value dropped: the exporter restarted and all of it is new.
        assertTaken(CumulativeRule.apply(held, n, n, 500), 500, n, n, 500);
        // After the re-observation, the run it started continues with differences.
        Step reobserved = CumulativeRule.apply(held, n, n, 500);
        assertTaken(CumulativeRule.apply(reobserved.held(), n, n + MIN, 3500), 3000, n, n + MIN, 3500);
    }

    @Test
    void anExactRetryOfTheTakenPointCountsNothing() {
        Held first = new Held(M, M, 1200);
        assertIgnored(CumulativeRule.apply(first, M, M, 1200), first);
        Held later = new Held(M, M + MIN, 2000);
        assertIgnored(CumulativeRule.apply(later, M, M + MIN, 2000), later);
        // Same start and time with another value is no newer either: the first one taken stands.
        assertIgnored(CumulativeRule.apply(later, M, M + MIN, 2500), later);
    }

    @Test
    void olderPointsArrivingLateCountNothing() {
        Held held = new Held(M, M + 2 * MIN, 2000);
        // An earlier point of the same run (a late retry), whether its value is lower or (wrongly) higher.
        assertIgnored(CumulativeRule.apply(held, M, M + MIN, 1500), held);
        assertIgnored(CumulativeRule.apply(held, M, M + MIN, 9000), held);
        // An older start==time point.
        assertIgnored(CumulativeRule.apply(held, M, M, 1200), held);
        // A later-started run whose point is still older than the held one.
        assertIgnored(CumulativeRule.apply(held, M + MIN, M + MIN + MS, 10), held);
        // A point of the run that a restart replaced, even if its time is newer: that run was counted up to the
        // restart, and the new run is counted from its start.
        Held restarted = new Held(M + 3 * MIN, M + 4 * MIN, 300);
        assertIgnored(CumulativeRule.apply(restarted, M, M + 5 * MIN, 2500), restarted);
    }

    @Test
    void theJsSdkSequenceCountsEveryTokenOnceAcrossRestartsAndRepeats() {
        // start, time, value as the JS SDK sends them for one series; expected delta of each point.
        long n = M + 2 * MIN;
        long p = M + 4 * MIN;
        long[][] points = {
                { M, M, 1200, 1200 }, // first export, within the series' first millisecond
                { M, M + MIN, 2000, 800 },
                { M, M + MIN, 2000, 0 }, // shutdown export repeats the last point
                { n, n, 500, 500 }, // restarted, exported within its first millisecond: a drop
                { n, n + MIN, 3500, 3000 },
                { p, p, 4000, 500 }, // restarted again, already above the held value
                { M, M, 1200, 0 }, // a very late retry of the first export
        };
        Held held = null;
        double total = 0;
        for (long[] pt : points) {
            Step step = CumulativeRule.apply(held, pt[0], pt[1], pt[2]);
            assertEquals(pt[3], step.delta(), 1e-12, () -> "point " + pt[0] + "/" + pt[1] + "=" + pt[2]);
            held = step.held();
            total += step.delta();
        }
        assertEquals(6000, total, 1e-12);
    }
}
