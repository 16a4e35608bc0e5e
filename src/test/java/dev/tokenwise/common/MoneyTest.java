package dev.tokenwise.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The rounding rule: totals half up, parts by largest remainder so that they add up to the total. */
class MoneyTest {

    private static Map<String, BigDecimal> amounts(Object... kv) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], Money.of((Double) kv[i + 1]));
        }
        return m;
    }

    @Test
    void partsAddUpToTheRoundedTotal() {
        Map<String, BigDecimal> exact = amounts("coding", 0.33335, "docs", 0.33335, "testing", 0.33335);
        assertEquals(new BigDecimal("1.0001"), Money.total(exact.values()));
        // Each rounded on its own would be 0.3334 three times: 1.0002, more than the total.
        assertEquals(Map.of("coding", new BigDecimal("0.3334"), "docs", new BigDecimal("0.3334"), "testing",
                new BigDecimal("0.3333")), Money.parts(exact));
    }

    @Test
    void theMissingUnitGoesToTheLargestRemainder() {
        Map<String, BigDecimal> exact = amounts("a", 0.00001, "b", 0.00009, "c", 0.00005);
        assertEquals(new BigDecimal("0.0002"), Money.total(exact.values()));
        assertEquals(Map.of("a", new BigDecimal("0.0000"), "b", new BigDecimal("0.0001"), "c", new BigDecimal("0.0001")),
                Money.parts(exact));
    }

    @Test
    void centsForChat() {
        Map<String, BigDecimal> exact = amounts("coding", 1.005, "docs", 1.005, "testing", 1.005);
        assertEquals(new BigDecimal("3.02"), Money.total(exact.values(), 2));
        assertEquals(Map.of("coding", new BigDecimal("1.01"), "docs", new BigDecimal("1.01"), "testing",
                new BigDecimal("1.00")), Money.parts(exact, 2));
    }

    @Test
    void halfUpOnTheDecimalThatWasSent() {
        // 0.00015 is 1.4999…e-4 as a binary double; the amount a client sent rounds half up as the decimal it wrote.
        assertEquals(new BigDecimal("0.0002"), Money.round(Money.of(0.00015)));
        assertEquals(new BigDecimal("0.0002"), Money.parts(amounts("x", 0.00015)).get("x"));
    }
}
