package dev.tokenwise.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One way to write money, percentages, hours and changes in every message (digest, alert, command answer). */
class FiguresTest {

    @ParameterizedTest
    @CsvSource({ "30, $30.00", "1234.5678, '$1,234.57'", "0.004, $0.00", "0.005, $0.01", "1000000, '$1,000,000.00'",
            "-4.1, -$4.10" })
    void money(String value, String expected) {
        assertEquals(expected, Figures.usd(new BigDecimal(value)));
        assertEquals(expected, Figures.usd(Double.parseDouble(value)));
    }

    @ParameterizedTest
    @CsvSource({ "0.4213, 42 %", "0.025, 2.5 %", "0.03, 3 %", "0, 0 %", "1.5, 150 %", "0.0999, 10 %" })
    void percent(double ratio, String expected) {
        assertEquals(expected, Figures.percent(ratio));
    }

    @Test
    void missingFiguresReadNotApplicable() {
        assertEquals("n/a", Figures.usd((BigDecimal) null));
        assertEquals("n/a", Figures.percent(null));
        assertEquals("n/a", Figures.percent(Double.POSITIVE_INFINITY));
        assertEquals("n/a", Figures.hours(null));
    }

    @Test
    void hoursAndChange() {
        assertEquals("3.5 h", Figures.hours(3.46));
        assertEquals("1,204.0 h", Figures.hours(1204.0));
        assertEquals("+12 %", Figures.change(112, 100));
        assertEquals("-5 %", Figures.change(95, 100));
        assertEquals("±0 %", Figures.change(100.2, 100));
        assertNull(Figures.change(5, 0));
        assertNull(Figures.change(null, 3));
    }

    @Test
    void dayRanges() {
        assertEquals("Mon 9 Nov – Sun 15 Nov 2026", Figures.range(LocalDate.parse("2026-11-09"),
                LocalDate.parse("2026-11-16")));
        assertEquals("Mon 9 Nov 2026", Figures.range(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-10")));
    }
}
