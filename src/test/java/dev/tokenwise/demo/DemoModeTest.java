package dev.tokenwise.demo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code TOKENWISE_DEMO=true}: the service starts with demo teams, real-looking figures and their digests. */
@QuarkusTest
@TestProfile(DemoModeTest.Demo.class)
class DemoModeTest {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenwise.demo", "true");
        }
    }

    @Inject
    DemoSeeder seeder;

    @Test
    void startsWithDemoTeamsTheirFiguresAndTheirDigests() {
        Api.admin().get("/api/admin/teams").then().statusCode(200)
                .body("id", hasItems("payments", "platform", "mobile"));

        LocalDate monday = LocalDate.now(ZoneId.of("Europe/Berlin")).with(TemporalAdjusters.previousOrSame(
                DayOfWeek.MONDAY));
        Api.reader().get("/api/teams/payments/scorecard?from=" + monday.minusWeeks(1) + "&to=" + monday)
                .then().statusCode(200)
                .body("withheld", equalTo(false))
                .body("cost.total_usd", greaterThan(0f))
                .body("delivery.merged_prs", greaterThan(0))
                .body("delivery.cost_per_merged_pr_usd", greaterThan(0f))
                // Claude Code and Codex sessions send events: the agents' reliability is known, errors included.
                .body("agent_errors.sessions", greaterThan(0))
                .body("agent_errors.by_class.rate_limit", greaterThan(0))
                // AI-assisted PRs are found by their label and by Claude Code's line in their body.
                .body("ai_impact.by_signal.label", greaterThan(0))
                .body("ai_impact.by_signal.body_marker", greaterThan(0))
                .body("ai_impact.by_agent.claude", greaterThan(0));

        Api.admin().get("/api/admin/outbox").then().statusCode(200)
                .body("findAll { it.kind == 'digest' }.team", hasItems("payments", "platform", "mobile"))
                .body("find { it.team == 'payments' && it.kind == 'digest' }.text", containsString("payments"))
                .body("find { it.team == 'payments' && it.kind == 'digest' }.text", containsString("• Agent errors: "))
                .body("find { it.team == 'payments' && it.kind == 'digest' }.text", containsString("AI impact"));

        // A second start (or a second replica) seeds nothing more.
        assertFalse(seeder.seed());
    }
}
