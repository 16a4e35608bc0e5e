package dev.tokenwise.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetMathTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource({ "0, 0", "499.99, 0", "500, 50", "799.99, 50", "800, 80", "999.99, 80", "1000, 100", "2500, 100" })
    void levelIsTheHighestThresholdReached(double spent, int level) {
        assertEquals(level, BudgetMath.levelOf(spent, new BigDecimal("1000")));
    }

    @Test
    void noEnvelopeMeansNoLevel() {
        assertEquals(0, BudgetMath.levelOf(5000, null));
        assertEquals(0, BudgetMath.levelOf(5000, BigDecimal.ZERO));
    }

    @Test
    void crossingSeveralThresholdsAtOnceNamesThemAll() {
        assertEquals(List.of(50, 80), BudgetMath.crossed(0, 80));
        assertEquals(List.of(100), BudgetMath.crossed(80, 100));
        assertEquals("50 % and 80 %", BudgetMath.describe(BudgetMath.crossed(0, 80)));
        assertEquals("50 %, 80 % and 100 %", BudgetMath.describe(BudgetMath.crossed(0, 100)));
    }

    @Test
    void elapsedDaysAreTheShareOfTheMonthTimesItsDays() {
        // November in Berlin: no DST change, 30 days of 24 h; noon local on the 10th is 9.5 days in.
        Instant start = LocalDate.of(2027, 11, 1).atStartOfDay(BERLIN).toInstant();
        Instant end = LocalDate.of(2027, 12, 1).atStartOfDay(BERLIN).toInstant();
        assertEquals(9.5, BudgetMath.elapsedDays(start, end, Instant.parse("2027-11-10T11:00:00Z"), 30), 1e-9);
        // October has the DST change (745 h): the month still ends at exactly 31 elapsed days.
        Instant octStart = LocalDate.of(2027, 10, 1).atStartOfDay(BERLIN).toInstant();
        assertEquals(31, BudgetMath.elapsedDays(octStart, start, start, 31), 1e-9);
        assertEquals(0, BudgetMath.elapsedDays(start, end, start.minusSeconds(60), 30), 1e-9);
    }

    @Test
    void forecastExtrapolatesTheSpendToTheWholeMonth() {
        assertEquals(400 / 9.5 * 30, BudgetMath.forecast(400, 9.5, 30), 1e-9);
        assertNull(BudgetMath.forecast(400, 0, 30));
    }
}
