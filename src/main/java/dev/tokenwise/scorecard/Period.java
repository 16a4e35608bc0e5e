package dev.tokenwise.scorecard;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A half-open period [from, to) of whole days in a team's time zone (docs/contract.md §7): {@code from} and
 * {@code to} are local dates at 00:00. A week is Monday 00:00 to Monday 00:00, so a week spanning a DST change is 167 or 169 h.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(zone).toInstant();
    }

    public Duration length() {
        return Duration.between(start(), end());
    }

    /**
     * The period just before this one, for "change vs the previous period": the same number of calendar months
     * when this one is whole months, else the same number of days.
     */
    public Period previous() {
        if (from.getDayOfMonth() == 1 && to.getDayOfMonth() == 1) {
            return new Period(from.minusMonths(ChronoUnit.MONTHS.between(from, to)), from, zone);
        }
        return new Period(from.minusDays(ChronoUnit.DAYS.between(from, to)), from, zone);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start()) && t.isBefore(end());
    }

    /** The Monday-to-Monday week that contains {@code day}. */
    public static Period weekOf(LocalDate day, ZoneId zone) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(monday, monday.plusWeeks(1), zone);
    }

    /** The calendar month that contains {@code day}. */
    public static Period monthOf(LocalDate day, ZoneId zone) {
        LocalDate first = day.withDayOfMonth(1);
        return new Period(first, first.plusMonths(1), zone);
    }
}
