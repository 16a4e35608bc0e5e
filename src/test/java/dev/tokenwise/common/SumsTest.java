package dev.tokenwise.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class SumsTest {

    @Test
    void addHoldsAtTheBounds() {
        assertEquals(Long.MAX_VALUE, Sums.add(Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, Sums.add(Long.MAX_VALUE - 5, 1_000_000_000_000L));
        assertEquals(Long.MIN_VALUE, Sums.add(Long.MIN_VALUE, -1));
        assertEquals(Long.MAX_VALUE - 1, Sums.add(Long.MAX_VALUE, -1));
        assertEquals(7, Sums.add(3, 4));
    }

    @Test
    void sqlSumsBeyondALongAreHeldAtItsMaximum() {
        assertEquals(Long.MAX_VALUE, Sums.toLong(new BigDecimal("18446744073709551614")));
        assertEquals(42, Sums.toLong(new BigDecimal("42")));
        assertEquals(0, Sums.toLong(null));
    }
}
