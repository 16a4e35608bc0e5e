package dev.tokenwise.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aWeekIsMondayToMondayInTheTeamsZone() {
        Period w = Period.weekOf(LocalDate.parse("2026-11-15"), BERLIN); // a Sunday
        assertEquals(LocalDate.parse("2026-11-09"), w.from());
        assertEquals(LocalDate.parse("2026-11-16"), w.to());
        assertEquals(Instant.parse("2026-11-08T23:00:00Z"), w.start());
        // Sunday 23:30 local still belongs to the week; Monday 00:00 local does not.
        assertTrue(w.contains(Instant.parse("2026-11-15T22:30:00Z")));
        assertFalse(w.contains(Instant.parse("2026-11-15T23:00:00Z")));
    }

    @Test
    void weeksAcrossDaylightSavingChangesHaveTheirRealLength() {
        assertEquals(Duration.ofHours(169), Period.weekOf(LocalDate.parse("2026-10-25"), BERLIN).length());
        assertEquals(Duration.ofHours(167), Period.weekOf(LocalDate.parse("2026-03-29"), BERLIN).length());
    }

    @Test
    void thePreviousPeriodHasTheSameShape() {
        Period week = new Period(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16"), BERLIN);
        assertEquals(new Period(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09"), BERLIN), week.previous());
        Period march = Period.monthOf(LocalDate.parse("2026-03-10"), BERLIN);
        assertEquals(new Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01"), BERLIN), march.previous());
    }
}
