package dev.tokenwise.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(new double[] { 4, 1, 3, 2 }));
        assertEquals(3.0, Stats.median(new double[] { 5, 3, 1 }));
        assertNull(Stats.median(new double[0]));
    }

    @Test
    void p90IsTheNearestRankValue() {
        double[] ten = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
        assertEquals(9.0, Stats.percentile(ten, 90));
        // 11 values: rank ceil(0.9 × 11) = 10 → the 10th smallest.
        double[] eleven = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
        assertEquals(10.0, Stats.percentile(eleven, 90));
        assertEquals(7.0, Stats.percentile(new double[] { 7 }, 90));
        assertNull(Stats.percentile(new double[0], 90));
    }

    @Test
    void ratiosNeverDivideByZero() {
        assertNull(Stats.ratio(3, 0));
        assertEquals(0.75, Stats.ratio(3, 4));
    }

    @Test
    void moneyHasFourDecimals() {
        assertEquals(new BigDecimal("0.0043"), Stats.usd(0.00425));
        assertEquals(new BigDecimal("30.0000"), Stats.usd(30));
    }
}
