package dev.tokenwise.alerts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import dev.tokenwise.team.TeamSettings;

/**
 * A team's local calendar for one alert run: spend is folded into days from {@code first} (the earlier of the
 * month's first day and the start of the spike history) to {@code today}, in the team's zone.
 */
record TeamWindow(TeamSettings team, ZoneId zone, LocalDate today, LocalDate monthFirst, LocalDate first) {

    int index(LocalDate d) {
        return (int) ChronoUnit.DAYS.between(first, d);
    }

    int length() {
        return index(today) + 1;
    }
}
