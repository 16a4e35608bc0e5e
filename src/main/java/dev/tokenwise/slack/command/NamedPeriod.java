package dev.tokenwise.slack.command;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tokenwise.scorecard.Period;

/**
 * A period of docs/contract.md §9 by name, resolved in the team's time zone with the injected clock:
 * {@code this-week} (Monday to now), {@code last-week}, {@code 7d} and {@code 30d} (the last 7 / 30 days, today
 * included), {@code this-month} (1st to now), {@code last-month}. {@link #token()} writes it back with its dates
 * ({@code this-week:2026-11-09..2026-11-16}) so a shared answer is the same answer even days later.
 */
public record NamedPeriod(String name, Period period) {

    public static final List<String> NAMES = List.of("this-week", "last-week", "7d", "30d", "this-month",
            "last-month");
    private static final Pattern FIXED = Pattern
            .compile("(?:([a-z0-9-]+):)?(\\d{4}-\\d\\d-\\d\\d)\\.\\.(\\d{4}-\\d\\d-\\d\\d)");

    public static Optional<NamedPeriod> parse(String token, ZoneId zone, Clock clock) {
        String t = token.toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Period week = Period.weekOf(today, zone);
        Period month = Period.monthOf(today, zone);
        Period p = switch (t) {
            case "this-week" -> week;
            case "last-week" -> week.previous();
            case "7d" -> new Period(today.minusDays(6), today.plusDays(1), zone);
            case "30d" -> new Period(today.minusDays(29), today.plusDays(1), zone);
            case "this-month" -> month;
            case "last-month" -> month.previous();
            default -> null;
        };
        if (p != null) {
            return Optional.of(new NamedPeriod(t, p));
        }
        Matcher m = FIXED.matcher(t);
        if (m.matches()) {
            try {
                LocalDate from = LocalDate.parse(m.group(2));
                LocalDate to = LocalDate.parse(m.group(3));
                if (from.isBefore(to) && to.toEpochDay() - from.toEpochDay() <= 400) {
                    String name = m.group(1) != null && NAMES.contains(m.group(1)) ? m.group(1) : "custom";
                    return Optional.of(new NamedPeriod(name, new Period(from, to, zone)));
                }
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Looks like an attempt at a period (so an unknown one gets the list of periods, not "unknown team"). */
    public static boolean looksLikePeriod(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.matches(".*\\d.*") || t.contains("week") || t.contains("month") || t.contains("day")
                || t.contains("year") || t.equals("today") || t.equals("yesterday");
    }

    /** The token that reproduces exactly this period. */
    public String token() {
        return name + ":" + period.from() + ".." + period.to();
    }

    /** "this week so far", "last week", ... */
    public String label() {
        return switch (name) {
            case "this-week" -> "this week so far";
            case "last-week" -> "last week";
            case "7d" -> "the last 7 days";
            case "30d" -> "the last 30 days";
            case "this-month" -> "this month so far";
            case "last-month" -> "last month";
            default -> "the period";
        };
    }

    /** The period a change is measured against, and its label ("the week before", "the same days of …"). */
    public record Compared(Period period, String label) {
    }

    /**
     * The period before this one, to compare with. A period still running (this week, this month) is compared with
     * the same days of the one before: Monday to Thursday against Monday to Thursday, not against a whole week that
     * had three more days to spend in.
     */
    public Compared compared(Clock clock) {
        ZoneId zone = period.zone();
        Period before = period.previous();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!period.contains(today.atStartOfDay(zone).toInstant())) {
            return new Compared(before, previousLabel());
        }
        long days = ChronoUnit.DAYS.between(period.from(), today) + 1;
        LocalDate end = before.from().plusDays(days);
        return new Compared(new Period(before.from(), end.isAfter(before.to()) ? before.to() : end, zone),
                "the same days of " + previousLabel());
    }

    /** What the change is measured against: "the week before", "the 7 days before", "the month before". */
    public String previousLabel() {
        return switch (name) {
            case "this-week", "last-week" -> "the week before";
            case "this-month", "last-month" -> "the month before";
            default -> "the " + (period.to().toEpochDay() - period.from().toEpochDay()) + " days before";
        };
    }
}
