package dev.tokenwise.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestFormatTest {

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
}
