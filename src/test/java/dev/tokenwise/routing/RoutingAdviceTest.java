package dev.tokenwise.routing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.digest.DigestService;
import dev.tokenwise.slack.render.DigestMessages;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Routing advice with known prices (docs/contract.md §7.8): premium-tier tokens of routine workflows priced at the
 * target model, in the scorecard, the digest's "needs attention" list above the threshold, and
 * {@code /tokenwise routing}; tiers set with the price; the settings refused field by field.
 */
@QuarkusTest
class RoutingAdviceTest {

    private static final String TEAM = "rt-route";

    @Inject
    MutableClock clock;

    @Inject
    DigestService digests;

    @AfterEach
    void reset() {
        clock.reset();
        Api.admin().body("{\"routing_min_savings_usd\": 50}").put("/api/admin/settings").then().statusCode(200);
    }

    private static void usage(String id, String workflow, String model, String actor, long input, long cached,
            long output) {
        String json = "{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-10T10:00:00Z\",\"team\":\"" + TEAM
                + "\",\"workflow\":\"" + workflow + "\",\"model\":\"" + model + "\",\"input_tokens\":" + input
                + ",\"cached_input_tokens\":" + cached + ",\"output_tokens\":" + output + ",\"actor\":\"" + actor
                + "\"}";
        Api.ingest().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/usage").then().statusCode(202);
    }

    @Test
    void savingsArePremiumSpendOfRoutineWorkflowsLessTheSameTokensAtTheTarget() {
        clock.set("2026-11-12T12:00:00Z");
        // A premium model of our own: $10 in, $1 cached, $50 out per million tokens.
        Api.admin().body("{\"input\": 10, \"cached_input\": 1, \"cache_write\": 12.5, \"output\": 50, "
                + "\"effective_from\": \"2026-01-01\", \"tier\": \"premium\"}").put("/api/admin/prices/rt-premium")
                .then().statusCode(200).body("tier", equalTo("premium"));
        Api.team(TEAM, "{\"channel\":\"C0RTROUTE\",\"timezone\":\"UTC\"}");
        // docs on rt-premium: 1M in + 100k out = $10 + $5 = $15; at claude-sonnet-4-5 ($3 / $15): $3 + $1.50.
        usage("rt-1", "docs", "rt-premium", "ann", 1_000_000, 0, 100_000);
        // testing on claude-opus-4-1 (shipped premium, $15 in, $1.50 cached): 2M in + 1M cached = $31.50; at the
        // target: $6 + $0.30 = $6.30.
        usage("rt-2", "testing", "claude-opus-4-1", "bob", 2_000_000, 1_000_000, 0);
        // Not counted: coding is not routine; docs on an economy model is not premium.
        usage("rt-3", "coding", "claude-opus-4-1", "cid", 1_000_000, 0, 0);
        usage("rt-4", "docs", "claude-haiku-4-5", "ann", 1_000_000, 0, 0);

        JsonPath j = Api.reader().get("/api/teams/" + TEAM + "/scorecard?from=2026-11-09&to=2026-11-16").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(35.7, j.getDouble("routing.savings_usd"));
        assertEquals(List.of("docs", "triage", "testing"), List.copyOf(j.getMap("routing.by_workflow").keySet()));
        assertEquals(15.0, j.getDouble("routing.by_workflow.docs.premium_usd"));
        assertEquals(4.5, j.getDouble("routing.by_workflow.docs.at_target_usd"));
        assertEquals(10.5, j.getDouble("routing.by_workflow.docs.savings_usd"));
        assertEquals(31.5, j.getDouble("routing.by_workflow.testing.premium_usd"));
        assertEquals(6.3, j.getDouble("routing.by_workflow.testing.at_target_usd"));
        assertEquals(25.2, j.getDouble("routing.by_workflow.testing.savings_usd"));
        assertEquals(0.0, j.getDouble("routing.by_workflow.triage.premium_usd"));
        assertEquals(0.0, j.getDouble("routing.by_workflow.triage.savings_usd"));
        assertEquals("claude-sonnet-4-5", j.getString("routing.target_model"));
        assertEquals(50.0, j.getDouble("routing.min_savings_usd"));

        // Below the default threshold of $50: the digest does not mention it.
        String preview = DigestMessages.digest(digests.preview(TEAM)).text();
        assertFalse(preview.contains("Routine work on premium models"), preview);
        Api.admin().body("{\"routing_min_savings_usd\": 30}").put("/api/admin/settings").then().statusCode(200)
                .body("routing_min_savings_usd", equalTo(30));
        preview = DigestMessages.digest(digests.preview(TEAM)).text();
        assertTrue(preview.contains("• Routine work on premium models: testing, docs would have cost $35.70 less at "
                + "claude-sonnet-4-5 prices (`/tokenwise routing`)"), preview);

        String text = SlackRequests.post(SlackRequests.slashCommandBody("routing " + TEAM + " this-week", "C0RTROUTE",
                "U0RTASK1", "http://127.0.0.1:9/unused"), clock.instant()).then().statusCode(200).extract()
                .jsonPath().getString("text");
        assertTrue(text.contains("docs: $15.00 on premium models · $4.50 at claude-sonnet-4-5 prices · savings "
                + "*$10.50*"), text);
        assertTrue(text.contains("testing: $31.50 on premium models · $6.30 at claude-sonnet-4-5 prices · savings "
                + "*$25.20*"), text);
        assertTrue(text.contains("Routing these workflows to claude-sonnet-4-5 by default would have saved *$35.70*."),
                text);
    }

    @Test
    void aPriceKeepsItsTierWhenNoneIsSentAndAnUnknownTierIsRefused() {
        Api.admin().body("{\"input\": 1, \"cached_input\": 0.1, \"cache_write\": 1.25, \"output\": 5, "
                + "\"effective_from\": \"2026-01-01\", \"tier\": \"economy\"}").put("/api/admin/prices/rt-tiered")
                .then().statusCode(200).body("tier", equalTo("economy"));
        Api.admin().body("{\"input\": 2, \"cached_input\": 0.2, \"cache_write\": 2.5, \"output\": 10, "
                + "\"effective_from\": \"2026-06-01\"}").put("/api/admin/prices/rt-tiered")
                .then().statusCode(200).body("tier", equalTo("economy"));
        Api.admin().body("{\"input\": 2, \"cached_input\": 0.2, \"cache_write\": 2.5, \"output\": 10, \"tier\": "
                + "\"gold\"}").put("/api/admin/prices/rt-tiered").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("tier"));
        List<Map<String, Object>> prices = Api.admin().get("/api/admin/prices").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.model == 'claude-opus-4-1' || it.model == 'claude-sonnet-4-5' "
                        + "|| it.model == 'claude-haiku-4-5' }");
        assertEquals(Map.of("claude-haiku-4-5", "economy", "claude-opus-4-1", "premium", "claude-sonnet-4-5",
                "standard"),
                prices.stream().collect(java.util.stream.Collectors.toMap(p -> (String) p.get("model"),
                        p -> (String) p.get("tier"), (a, b) -> a)));
    }

    @Test
    void routingSettingsAreRefusedFieldByField() {
        Api.admin().body("{\"routing_target_model\": \"no-such-model\", \"routine_workflows\": [\"docs\", \"nope\"], "
                + "\"routing_min_savings_usd\": -1}").put("/api/admin/settings").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routine_workflows[1]", "routing_target_model",
                        "routing_min_savings_usd")));
        Api.admin().get("/api/admin/settings").then().statusCode(200)
                .body("routine_workflows", equalTo(List.of("docs", "triage", "testing")))
                .body("routing_target_model", equalTo("claude-sonnet-4-5"));
    }
}
