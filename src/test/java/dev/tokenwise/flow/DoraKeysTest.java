package dev.tokenwise.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The DORA keys of docs/contract.md §7.2 with known answers, from signed GitHub deliveries built from the real payloads,
 * read through {@code GET /api/teams/{team}/scorecard}.
 */
@QuarkusTest
class DoraKeysTest {

    private static final String WEEK = "from=2026-11-09&to=2026-11-16";
    private static final String TEAM_JSON = "{\"timezone\":\"UTC\",\"min_contributors\":1}";

    /**
     * The week of Mon 9 Nov 2026 (UTC), one repository:
     *
     * <pre>
     * before: #10 merged 5 Nov, shipped by D0 (production success, 6 Nov) — not deployed in the week
     * #1  commit C1 of 9 Nov 08:00 pushed to f1; opened 9 Nov 09:00; merged 10 Nov 10:00 (M1), "Fixes #7"
     *     no deployment names M1 → D1 (first success at/after the merge): lead 11 Nov 12:00 − 9 Nov 08:00 = 52 h
     * #2  opened 10 Nov 12:00, merged 11 Nov 09:00 (M2), no commit pushed → D1 names M2: lead 24 h (from created_at)
     * #3  opened 11 Nov 08:00, merged 11 Nov 10:00 (M3), "Closes #8": D1 came after its merge, but D3 names M3 →
     *     lead 12 Nov 15:00 − 11 Nov 08:00 = 31 h
     * #4  'Revert "Add caching"', opened 13 Nov 09:00, merged 09:30 (M4) → D4 (prod, 10:30) names it: 1.5 h, rework
     * #5  labelled hotfix, opened 14 Nov 07:00, merged 08:00 (M5) → D6 (12:00, another sha): 5 h, rework
     * a revert push to main at 15 Nov 09:00 (head RP) → D7 (10:00) names RP: rework
     * deployments D1 11 Nov 12:00, D3 12 Nov 15:00, D6 14 Nov 12:00, D7 15 Nov 10:00 (production), D4 13 Nov 10:30
     *     (prod) → 5; D5 16 Nov 02:00 is the next week's
     * failures F1 12 Nov 10:00 (failure), F2 11:00 (error) → D3: 5 h and 4 h; F3 13 Nov 09:00 (prod) → D4 (prod):
     *     1.5 h; F4 15 Nov 20:00 → D5 after the week: 6 h → recovery median 4.5 h; change failure rate 4 / 9
     * lead times 52, 24, 31, 1.5, 5 → median 24 h, p90 52 h; rework 3 of 5 deployments = 0.6
     * issues #7 opened 8 Nov 10:00 → shipped with #1 at D1: 74 h; #8 opened 10 Nov 00:00 → with #3 at D3: 63 h
     *     → issue to production median 68.5 h
     * </pre>
     */
    static DoraScenario week(String prefix) {
        return week(prefix, TEAM_JSON);
    }

    static DoraScenario week(String prefix, String teamJson) {
        DoraScenario s = new DoraScenario(prefix, teamJson);
        s.merged(10, "cid", "Old change", "Tidies up.", "2026-11-04T10:00:00Z", "2026-11-05T10:00:00Z", s.sha("M0"),
                "f0", s.sha("H0"));
        s.deployment(0, "success", "production", "2026-11-06T12:00:00Z", s.sha("S0"));
        s.deployment(8, "failure", "production", "2026-11-08T12:00:00Z", s.sha("S8"));
        s.push("f1", "2026-11-09T08:05:00Z", s.sha("C1"), "Add caching", "2026-11-09T08:00:00Z");
        s.merged(1, "ann", "Add caching", "Adds a cache.\n\nFixes #7", "2026-11-09T09:00:00Z",
                "2026-11-10T10:00:00Z", s.sha("M1"), "f1", s.sha("C1"));
        s.merged(2, "bob", "Add search", "Adds search.", "2026-11-10T12:00:00Z", "2026-11-11T09:00:00Z", s.sha("M2"),
                "f2", s.sha("H2"));
        s.merged(3, "cid", "Add paging", "Closes #8", "2026-11-11T08:00:00Z", "2026-11-11T10:00:00Z", s.sha("M3"),
                "f3", s.sha("H3"));
        s.deployment(1, "success", "production", "2026-11-11T12:00:00Z", s.sha("M2"));
        s.deployment(11, "failure", "production", "2026-11-12T10:00:00Z", s.sha("M3"));
        s.deployment(12, "error", "production", "2026-11-12T11:00:00Z", s.sha("M3"));
        s.deployment(3, "success", "production", "2026-11-12T15:00:00Z", s.sha("M3"));
        s.merged(4, "ann", "Revert \"Add caching\"", "Reverts " + s.repo + "#1", "2026-11-13T09:00:00Z",
                "2026-11-13T09:30:00Z", s.sha("M4"), "revert-1", s.sha("H4"));
        s.deployment(13, "failure", "prod", "2026-11-13T09:00:00Z", s.sha("M3"));
        s.deployment(4, "success", "prod", "2026-11-13T10:30:00Z", s.sha("M4"));
        s.merged(5, "bob", "Fix the login", "Quick fix.", "2026-11-14T07:00:00Z", "2026-11-14T08:00:00Z",
                s.sha("M5"), "f5", s.sha("H5"), "hotfix");
        s.deployment(6, "success", "production", "2026-11-14T12:00:00Z", s.sha("X6"));
        s.push("main", "2026-11-15T09:00:00Z", s.sha("RP"), "Revert \"Add search\"\n\nThis reverts commit "
                + s.sha("M2") + ".", "2026-11-15T08:55:00Z");
        s.deployment(7, "success", "production", "2026-11-15T10:00:00Z", s.sha("RP"));
        s.deployment(14, "failure", "production", "2026-11-15T20:00:00Z", s.sha("RP"));
        s.deployment(5, "success", "production", "2026-11-16T02:00:00Z", s.sha("Z5"));
        s.issue(7, "2026-11-08T10:00:00Z");
        s.issue(8, "2026-11-10T00:00:00Z");
        s.issue(9, "2026-11-10T00:00:00Z");
        return s;
    }

    private static JsonNode delivery(DoraScenario s) {
        String body = Api.admin().get("/api/teams/" + s.team + "/scorecard?" + WEEK).then().statusCode(200).extract()
                .asString();
        try {
            JsonNode card = GitHubHooks.JSON.readTree(body);
            assertEquals(false, card.get("withheld").asBoolean());
            return card.get("delivery");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertKeys(JsonNode d) {
        assertEquals(5, d.get("deployments").asInt(), d.toString());
        assertEquals(0.4444, d.get("change_failure_rate").asDouble(), 0, d.toString());
        assertEquals(24.0, d.get("lead_time_for_changes_hours").get("median").asDouble(), 0, d.toString());
        assertEquals(52.0, d.get("lead_time_for_changes_hours").get("p90").asDouble(), 0, d.toString());
        assertEquals(4.5, d.get("failed_deployment_recovery_hours").get("median").asDouble(), 0, d.toString());
        assertEquals(0.6, d.get("deployment_rework_rate").asDouble(), 0, d.toString());
        assertEquals(68.5, d.get("issue_to_production_hours").get("median").asDouble(), 0, d.toString());
    }

    @Test
    void computesTheKeysOfAWeekInOrder() {
        DoraScenario s = week("dora-fwd");
        s.post(s.deliveries);
        assertKeys(delivery(s));
    }

    @Test
    void reverseOrderAndRedeliveriesGiveTheSameAnswer() {
        DoraScenario reversed = week("dora-rev");
        List<DoraScenario.Delivery> backwards = new ArrayList<>(reversed.deliveries);
        Collections.reverse(backwards);
        reversed.post(backwards);
        assertKeys(delivery(reversed));

        DoraScenario twice = week("dora-twice");
        twice.post(twice.deliveries);
        // The same deliveries again (GitHub's redelivery: same ids), then as a second hook sends them (new ids).
        twice.post(twice.deliveries);
        List<DoraScenario.Delivery> otherHook = new ArrayList<>();
        for (DoraScenario.Delivery d : twice.deliveries) {
            otherHook.add(new DoraScenario.Delivery(d.event(), d.id() + "-org", d.payload()));
        }
        Collections.reverse(otherHook);
        twice.post(otherHook);
        assertKeys(delivery(twice));
    }

    @Test
    void aWeekWithoutDeploymentsHasNoKeysButItsRecovery() {
        DoraScenario s = new DoraScenario("dora-none", TEAM_JSON);
        s.merged(1, "ann", "Add caching", "Fixes #7", "2026-11-09T09:00:00Z", "2026-11-10T10:00:00Z", s.sha("M1"),
                "f1", s.sha("C1"));
        s.deployment(1, "failure", "production", "2026-11-10T12:00:00Z", s.sha("M1"));
        s.deployment(2, "success", "staging", "2026-11-10T13:00:00Z", s.sha("M1"));
        s.deployment(3, "success", "production", "2026-11-17T12:00:00Z", s.sha("M1"));
        s.post(s.deliveries);
        JsonNode d = delivery(s);
        assertEquals(0, d.get("deployments").asInt());
        assertTrue(d.get("lead_time_for_changes_hours").get("median").isNull(), d.toString());
        assertTrue(d.get("lead_time_for_changes_hours").get("p90").isNull(), d.toString());
        assertTrue(d.get("deployment_rework_rate").isNull(), d.toString());
        assertTrue(d.get("issue_to_production_hours").get("median").isNull(), d.toString());
        // The failure recovers in the next week, by the production success (the staging one is another environment).
        assertEquals(168.0, d.get("failed_deployment_recovery_hours").get("median").asDouble(), 0, d.toString());
    }
}
