package dev.tokenwise.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alert tables through {@link AlertRepository} on the database of the run: the values that plain SQL binds and reads
 * differently from the JPA native queries it replaced (nulls without a type, timestamps, dates, IN lists, limits).
 */
@QuarkusTest
class AlertRepositoryTest {

    @Inject
    AlertRepository store;

    @Inject
    Db db;

    @Inject
    MutableClock clock;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void aMissingFigureIsStoredAsNullAndTheRaisedTimeRoundTrips() {
        Instant first = Instant.parse("2026-03-29T01:30:00.123456Z");
        clock.set(first);
        assertTrue(db.transaction(() -> store.insertAlert("ast:null", "runaway", "ast-team", "s-1", null, null,
                "no figures", "no-channel")));
        clock.set(first.plusSeconds(60));
        assertTrue(db.transaction(() -> store.insertAlert("ast:figures", "spike", "ast-team", "coding", 412.5, 30.0,
                "figures", "queued")));
        assertFalse(db.transaction(() -> store.insertAlert("ast:null", "runaway", "ast-team", "s-1", 1.0, 2.0,
                "again", "queued")), "the key is the cooldown");

        List<AlertRepository.RaisedAlert> recent = store.recent("ast-team", List.of("spike", "runaway"),
                first.minusSeconds(1), 10);
        assertEquals(List.of(
                new AlertRepository.RaisedAlert("spike", "ast-team", "coding", first.plusSeconds(60), 412.5, 30.0,
                        "figures", "queued"),
                new AlertRepository.RaisedAlert("runaway", "ast-team", "s-1", first, null, null, "no figures",
                        "no-channel")),
                recent);
        assertEquals(1, store.recent("ast-team", List.of("spike", "runaway"), first, 1).size(), "the limit");
        assertEquals(List.of(), store.recent("ast-team", List.of("budget"), first, 10));
        assertEquals("no figures", store.latest("ast-team", List.of("runaway"), "s-1").orElseThrow().summary());
        // Other test classes raise spikes too: only these keys are this test's to judge.
        Set<String> spikeKeys = store.alertKeysSince("spike", first);
        assertTrue(spikeKeys.contains("ast:figures"));
        assertFalse(spikeKeys.contains("ast:null"), "another rule");
        assertFalse(store.alertKeysSince("runaway", first.plusSeconds(1)).contains("ast:null"), "raised before");
    }

    @Test
    void aSnoozeReturnsThePreviousEndAndCountsUntilItEnds() {
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        Instant until = Instant.parse("2026-05-02T10:00:00.654321Z");
        assertEquals(Optional.empty(), db.transaction(() -> store.snooze("spike", "ast-snooze", "coding", until,
                "U1")));
        assertEquals(Optional.of(until), db.transaction(() -> store.snooze("spike", "ast-snooze", "coding",
                until.plusSeconds(3600), "U2")));
        assertTrue(store.activeSnoozes(until).contains("spike|ast-snooze|coding"));
        assertFalse(store.activeSnoozes(until.plusSeconds(3600)).contains("spike|ast-snooze|coding"));
    }

    @Test
    void budgetStatesAreThoseOfEachTeamsOwnMonth() {
        LocalDate march = LocalDate.parse("2026-03-01");
        LocalDate april = LocalDate.parse("2026-04-01");
        db.transaction(() -> {
            assertTrue(store.ensureBudgetRow("ast-b1", "*", march));
            assertFalse(store.ensureBudgetRow("ast-b1", "*", march));
            store.ensureBudgetRow("ast-b1", "*", april);
            store.ensureBudgetRow("ast-b2", "review", april);
            assertTrue(store.casBudgetLevel("ast-b1", "*", march, 0, 80));
            assertFalse(store.casBudgetLevel("ast-b1", "*", march, 0, 100), "moved by someone else first");
            assertTrue(store.casForecast("ast-b2", "review", april));
            assertFalse(store.casForecast("ast-b2", "review", april));
        });
        Map<String, AlertRepository.BudgetState> states = store.budgetStates(Map.of("ast-b1", march, "ast-b2", april));
        assertEquals(Map.of("ast-b1|*", new AlertRepository.BudgetState(80, false),
                "ast-b2|review", new AlertRepository.BudgetState(0, true)), states);
        assertEquals(new AlertRepository.BudgetState(80, false), db.transaction(() -> store.budgetState("ast-b1", "*",
                march)));
        assertEquals(Map.of("review", new AlertRepository.BudgetState(0, true)), db.transaction(() -> store
                .alertedScopes("ast-b2", april)));
        assertNull(store.budgetStates(Map.of("ast-b1", LocalDate.parse("2026-05-01"))).get("ast-b1|*"));
    }
}
