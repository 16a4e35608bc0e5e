package dev.tokenwise.impact;

import static dev.tokenwise.impact.AttributionScenario.SESSION_COST;
import static dev.tokenwise.impact.AttributionScenario.commit;
import static dev.tokenwise.impact.AttributionScenario.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.agent.AttributionRepair;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A session's commits and the PRs that hold them, written at the same instant, can each miss the other: the session's
 * commit is not marked as a PR's, the PR commit not as a session's, a short id stays unresolved, and the session's
 * cost counts as unattributed. The state such a race leaves is written here as it would be (the flags and the full id
 * unset after both sides are stored); {@link AttributionRepair} finds and sets them, once, within its window.
 */
@QuarkusTest
class AttributionRepairTest {

    private static final long AUG_11_0100 = 1_786_410_000L;

    @Inject
    AttributionRepair repair;

    @Inject
    Db db;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void whatTwoOverlappingWritesMissedIsSetOnTheNextRun() {
        AttributionScenario s = new AttributionScenario("ai-repair", 1);
        String c1 = sha();
        String c2 = sha();
        String session = "cc-" + UUID.randomUUID();
        s.claudeCode(session, c1.substring(0, 7), c2);
        s.push("feature/parser", AUG_11_0100, commit(c1, "Parser", "2026-08-11T00:50:00Z"));
        s.push("feature/other", AUG_11_0100, commit(c2, "Other", "2026-08-11T00:55:00Z"));
        s.merged(1, "alice", "2026-08-11T02:00:00Z", "2026-08-11T10:00:00Z", sha(), "feature/parser", c1, "");
        s.merged(2, "bob", "2026-08-11T03:00:00Z", "2026-08-11T11:00:00Z", sha(), "feature/other", c2, "");
        s.merged(3, "carol", "2026-08-11T04:00:00Z", "2026-08-11T12:00:00Z", sha(), "fix/c", sha(), "");
        assertLinked(s);

        Instant made = db.one("SELECT MAX(occurred_at) FROM session_commit WHERE session_id = ?",
                rs -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), session).orElseThrow();
        clock.set(made.plus(Duration.ofHours(1)));
        loseTheLinks(session, c1, c2);
        JsonPath lost = s.scorecard();
        assertEquals(SESSION_COST, lost.getDouble("cost.unattributed_usd"), 1e-9);
        assertEquals(0, lost.getInt("ai_impact.by_signal.usage"));

        // The short id resolved (and found in a PR at once), the full one found in a PR, both PR commits linked.
        assertEquals(new AttributionRepair.Repaired(1, 1, 2), repair.run());
        assertLinked(s);
        assertEquals(new AttributionRepair.Repaired(0, 0, 0), repair.run());

        // Beyond the window (two days after the session made its commits) nothing is checked again.
        loseTheLinks(session, c1, c2);
        clock.set(made.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(1)));
        assertEquals(new AttributionRepair.Repaired(0, 0, 0), repair.run());
        assertEquals(SESSION_COST, s.scorecard().getDouble("cost.unattributed_usd"), 1e-9);
    }

    private static void assertLinked(AttributionScenario s) {
        JsonPath card = s.scorecard();
        assertEquals(SESSION_COST, card.getDouble("cost.total_usd"), 1e-9);
        assertEquals(0.0, card.getDouble("cost.unattributed_usd"), 1e-9);
        assertEquals(2, card.getInt("ai_impact.by_signal.usage"));
        assertEquals(SESSION_COST, card.getDouble("ai_impact.ai_assisted.attributed_cost_usd"), 1e-9);
    }

    /** The rows as two overlapping transactions leave them: both stored, neither knowing of the other. */
    private void loseTheLinks(String session, String c1, String c2) {
        db.transaction(() -> {
            db.update("UPDATE session_commit SET in_pr = FALSE, full_sha = NULL WHERE session_id = ? "
                    + "AND commit_sha = ?", session, c1.substring(0, 7));
            db.update("UPDATE session_commit SET in_pr = FALSE WHERE session_id = ?", session);
            db.update("UPDATE pr_commit SET session_linked = FALSE WHERE sha IN (?, ?)", c1, c2);
        });
    }
}
