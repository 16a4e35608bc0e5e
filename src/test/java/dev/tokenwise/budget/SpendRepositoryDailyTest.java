package dev.tokenwise.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tokenwise.alerts.Rollups;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The local days that budgets and spike baselines are made of: on PostgreSQL the database folds team-hours into a
 * zone's days, on H2 the service does; both must put every hour on the local day in which it starts, across a
 * daylight-saving change, for half-hour offsets and for fixed offsets written the POSIX-confusing way.
 */
@QuarkusTest
class SpendRepositoryDailyTest {

    @Inject
    SpendRepository spend;

    @Inject
    Rollups rollups;

    @ParameterizedTest
    @ValueSource(strings = { "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "UTC",
            "UTC-03:00", "+05:30", "Pacific/Chatham" })
    void everyHourLandsOnTheLocalDayItStartsIn(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        String team = "sr-" + zoneId.toLowerCase().replaceAll("[^a-z0-9]", "");
        // Every hour from 2027-03-12 to 2027-03-16 UTC (New York changes clocks on 14 March, Lord Howe and Chatham
        // are mid-summer), with a cost that tells the hours apart.
        Instant from = Instant.parse("2027-03-12T00:00:00Z");
        Instant to = Instant.parse("2027-03-16T23:00:00Z");
        Map<LocalDate, Double> expected = new TreeMap<>();
        int i = 0;
        for (Instant h = from; !h.isAfter(to); h = h.plus(Duration.ofHours(1)), i++) {
            double cost = 1 + i;
            rollups.add(team, h, i % 3 == 0 ? "review" : "coding", "m", "", cost);
            expected.merge(LocalDate.ofInstant(h, zone), cost, Double::sum);
        }
        Map<LocalDate, Double> got = new TreeMap<>();
        spend.daily(zone, List.of(team), from, to, d -> got.merge(d.date(), d.costUsd(), Double::sum));
        assertEquals(expected.keySet(), got.keySet(), zoneId);
        expected.forEach((d, c) -> assertEquals(c, got.get(d), 1e-9, zoneId + " " + d));

        // A window that starts mid-day: only the hours inside it count.
        Map<LocalDate, Double> tail = new TreeMap<>();
        spend.daily(zone, List.of(team), to.minus(Duration.ofHours(2)), to,
                d -> tail.merge(d.date(), d.costUsd(), Double::sum));
        assertEquals((i - 2) + (i - 1) + (double) i, tail.values().stream().mapToDouble(Double::doubleValue).sum(),
                1e-9);
    }
}
