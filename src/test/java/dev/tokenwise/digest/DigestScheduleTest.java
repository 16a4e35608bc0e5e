package dev.tokenwise.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronTrigger;
import org.quartz.impl.triggers.CronTriggerImpl;

import dev.tokenwise.team.TeamSettings;

/** The per-team Quartz trigger without Quarkus: fire instants across DST changes and misfire handling. */
class DigestScheduleTest {

    static TeamSettings team(String zone, String day, String time) {
        return new TeamSettings("t", "C1", null, zone, day, time, "09:00-18:00", null, Map.of(), 3, false, "THURSDAY",
                "15:00", List.of(), List.of(), List.of(), List.of());
    }

    /** The trigger's next fire time after {@code instant} (its start time moved back, it starts at "now"). */
    private static Instant after(CronTrigger trigger, String instant) {
        CronTriggerImpl copy = (CronTriggerImpl) ((CronTriggerImpl) trigger).clone();
        copy.setStartTime(new Date(0));
        return copy.getFireTimeAfter(Date.from(Instant.parse(instant))).toInstant();
    }

    @ParameterizedTest(name = "next digest after {0} is {1}")
    @CsvSource({
            // Monday 09:00 in Berlin: CEST (UTC+2) before the last Sunday of October, CET (UTC+1) after it.
            "2026-10-12T12:00:00Z, 2026-10-19T07:00:00Z",
            "2026-10-19T07:00:00Z, 2026-10-26T08:00:00Z",
            // ... and back to CEST after the last Sunday of March.
            "2026-03-16T12:00:00Z, 2026-03-23T08:00:00Z",
            "2026-03-23T08:00:00Z, 2026-03-30T07:00:00Z" })
    void firesAtNineOnMondayBerlinTimeAcrossDaylightSavingChanges(String from, String expected) {
        CronTrigger trigger = DigestScheduler.trigger(team("Europe/Berlin", "MONDAY", "09:00"));
        assertEquals("0 0 9 ? * MON", trigger.getCronExpression());
        assertEquals("Europe/Berlin", trigger.getTimeZone().getID());
        assertEquals(Instant.parse(expected), after(trigger, from));
    }

    @Test
    void otherDaysTimesAndZones() {
        CronTrigger trigger = DigestScheduler.trigger(team("America/New_York", "FRIDAY", "17:30"));
        assertEquals("0 30 17 ? * FRI", trigger.getCronExpression());
        // US DST ends on the first Sunday of November 2026 (1 Nov): EDT (UTC-4) then EST (UTC-5).
        assertEquals(Instant.parse("2026-10-30T21:30:00Z"), after(trigger, "2026-10-28T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-06T22:30:00Z"), after(trigger, "2026-10-31T00:00:00Z"));
    }

    @Test
    void afterWeeksOfDowntimeTheTriggerFiresOnceThenKeepsItsSchedule() {
        CronTriggerImpl trigger = (CronTriggerImpl) DigestScheduler.trigger(team("UTC", "MONDAY", "09:00"));
        assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, trigger.getMisfireInstruction());
        Date fiveWeeksAgo = Date.from(Instant.now().minus(Duration.ofDays(35)));
        trigger.setStartTime(fiveWeeksAgo);
        trigger.computeFirstFireTime(null);
        assertTrue(trigger.getNextFireTime().before(new Date()), "missed while down");

        trigger.updateAfterMisfire(null);
        Instant once = trigger.getNextFireTime().toInstant();
        assertTrue(Math.abs(Duration.between(Instant.now(), once).toSeconds()) < 5, "one firing, now");

        trigger.triggered(null);
        Instant next = trigger.getNextFireTime().toInstant();
        assertTrue(next.isAfter(Instant.now()) && next.isBefore(Instant.now().plus(Duration.ofDays(7))),
                "then the regular weekly firing, not the missed ones: " + next);
    }

    @Test
    void dueFromTheDigestTimeOfTheCurrentWeek() {
        TeamSettings berlin = team("Europe/Berlin", "MONDAY", "09:00");
        assertFalse(DigestScheduler.dueThisWeek(berlin, Instant.parse("2026-10-26T07:59:59Z")));
        assertTrue(DigestScheduler.dueThisWeek(berlin, Instant.parse("2026-10-26T08:00:00Z")));
        assertTrue(DigestScheduler.dueThisWeek(berlin, Instant.parse("2026-11-01T22:59:59Z")));
        TeamSettings friday = team("UTC", "FRIDAY", "17:00");
        assertFalse(DigestScheduler.dueThisWeek(friday, Instant.parse("2026-11-05T12:00:00Z")));
        assertTrue(DigestScheduler.dueThisWeek(friday, Instant.parse("2026-11-06T17:00:00Z")));
    }
}
