package dev.tokenwise.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DigestFormatTest {

    @ParameterizedTest
    @CsvSource({ "30, $30.00", "1234.5678, '$1,234.57'", "0.004, $0.00", "1000000, '$1,000,000.00'" })
    void money(String value, String expected) {
        assertEquals(expected, DigestFormat.usd(new BigDecimal(value)));
    }

    @ParameterizedTest
    @CsvSource({ "950, 950", "1000, 1k", "12345, 12.3k", "4500000, 4.5M", "1234567890, 1.2B" })
    void tokens(long value, String expected) {
        assertEquals(expected, DigestFormat.tokens(value));
    }

    @ParameterizedTest
    @CsvSource({ "2026-11-09, 2026-11-16, 9–15 Nov 2026", "2026-09-28, 2026-10-05, 28 Sep – 4 Oct 2026",
            "2025-12-29, 2026-01-05, 29 Dec 2025 – 4 Jan 2026", "2026-11-09, 2026-11-10, 9 Nov 2026" })
    void days(String from, String to, String expected) {
        assertEquals(expected, DigestFormat.days(LocalDate.parse(from), LocalDate.parse(to)));
    }

    @Test
    void percentHoursAndChange() {
        assertEquals("42 %", DigestFormat.percent(0.4213));
        assertEquals("n/a", DigestFormat.percent(null));
        assertEquals("3.5 h", DigestFormat.hours(3.46));
        assertEquals("+12 %", DigestFormat.change(112, 100));
        assertEquals("-5 %", DigestFormat.change(95, 100));
        assertNull(DigestFormat.change(5, 0));
    }
}
