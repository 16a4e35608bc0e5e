package dev.tokenwise.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpikeMathTest {

    /** 28 days alternating 8 and 12 USD: median 10, MAD 2. */
    private static double[] steady() {
        double[] h = new double[28];
        for (int i = 0; i < h.length; i++) {
            h[i] = i % 2 == 0 ? 8 : 12;
        }
        return h;
    }

    @Test
    void aDayAboveThreeTimesTheMedianAndTheFloorIsASpike() {
        SpikeMath.Check c = SpikeMath.check(30.01, steady(), 3, 4, 20);
        assertEquals(10, c.median(), 1e-9);
        assertEquals(2, c.mad(), 1e-9);
        // max(3 × 10, 10 + 4 × 2) = 30
        assertEquals(30, c.threshold(), 1e-9);
        assertTrue(c.spike());
        assertFalse(SpikeMath.check(30, steady(), 3, 4, 20).spike());
    }

    @Test
    void aVolatileHistoryRaisesTheBarThroughTheMad() {
        // 14 days of 0 and 14 days of 40: median 20, MAD 20 → threshold max(60, 20 + 80) = 100.
        double[] h = new double[28];
        for (int i = 14; i < 28; i++) {
            h[i] = 40;
        }
        SpikeMath.Check c = SpikeMath.check(99, h, 3, 4, 20);
        assertEquals(100, c.threshold(), 1e-9);
        assertFalse(c.spike());
        assertTrue(SpikeMath.check(101, h, 3, 4, 20).spike());
    }

    @Test
    void aFlatZeroHistoryAlertsAboveTheFloorOnly() {
        double[] zeros = new double[28];
        assertFalse(SpikeMath.check(20, zeros, 3, 4, 20).spike());
        assertTrue(SpikeMath.check(20.5, zeros, 3, 4, 20).spike());
    }

    @Test
    void theFloorSilencesSmallSpikes() {
        double[] h = new double[28];
        java.util.Arrays.fill(h, 1);
        SpikeMath.Check c = SpikeMath.check(15, h, 3, 4, 20);
        assertEquals(3, c.threshold(), 1e-9);
        assertFalse(c.spike());
    }
}
