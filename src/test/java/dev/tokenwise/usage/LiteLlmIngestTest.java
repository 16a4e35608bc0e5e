package dev.tokenwise.usage;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LiteLlmIngestTest {

    @Inject
    UsageDb db;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** LiteLLM's own test payload (MIT, see payloads/litellm), verbatim. */
    static String fixture() throws IOException {
        try (InputStream in = LiteLlmIngestTest.class.getResourceAsStream("/payloads/litellm/standard_logging_payload.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A variant of the fixture (derived test input): new id, a team alias, tags and cache counts. */
    static ObjectNode variant(String id, String teamAlias, String... tags) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(fixture());
        n.put("id", id);
        ((ObjectNode) n.get("metadata")).put("user_api_key_team_alias", teamAlias);
        ((ObjectNode) n.get("metadata")).put("user_api_key_user_id", "user-" + id);
        ArrayNode t = n.putArray("request_tags");
        for (String tag : tags) {
            t.add(tag);
        }
        return n;
    }

    @Test
    void storesTheRealFixtureAsSingleAndCountsARedeliveryOnce() throws IOException {
        String body = fixture();
        Api.ingest().contentType(ContentType.JSON).body(body).post("/ingest/litellm")
                .then().statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        Api.ingest().contentType(ContentType.JSON).body(body).post("/ingest/litellm")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        String key = "litellm:chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f";
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_event WHERE event_key = ?", key));
        assertEquals(0.000225, db.sum("SELECT cost_usd FROM usage_event WHERE event_key = ?", key), 1e-12);
        assertEquals(10, db.count("SELECT input_tokens FROM usage_event WHERE event_key = ?", key));
        assertEquals(20, db.count("SELECT output_tokens FROM usage_event WHERE event_key = ?", key));
        assertEquals("unassigned", db.string("SELECT team_id FROM usage_event WHERE event_key = ?", key));
        assertEquals("2025-01-24", db.string("SELECT CAST(CAST(occurred_at AS DATE) AS VARCHAR(10)) FROM usage_event "
                + "WHERE event_key = ?", key));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_event WHERE event_key = ? AND cost_reported", key));
    }

    @Test
    void mapsTeamAliasWorkflowTagAndCacheTokensFromAJsonArray() throws IOException {
        ObjectNode a = variant("ll-a", "LL Payments Team", "workflow:review", "repo:acme/ll-pay");
        ObjectNode usage = (ObjectNode) a.get("response").get("usage");
        usage.putObject("prompt_tokens_details").put("cached_tokens", 4);
        ObjectNode b = variant("ll-b", "LL Payments Team");
        b.putNull("response_cost");
        b.put("model", "claude-sonnet-4-5");
        b.put("prompt_tokens", 1_000_000);
        b.put("completion_tokens", 0);
        ArrayNode batch = JSON.createArrayNode().add(a).add(b);
        Api.ingest().contentType(ContentType.JSON).body(batch.toString()).post("/ingest/litellm")
                .then().statusCode(202).body("accepted", equalTo(2));
        assertEquals("ll-payments-team", db.string("SELECT team_id FROM usage_event WHERE event_key = 'litellm:ll-a'"));
        assertEquals("review", db.string("SELECT workflow FROM usage_event WHERE event_key = 'litellm:ll-a'"));
        assertEquals("acme/ll-pay", db.string("SELECT repo FROM usage_event WHERE event_key = 'litellm:ll-a'"));
        assertEquals(6, db.count("SELECT input_tokens FROM usage_event WHERE event_key = 'litellm:ll-a'"));
        assertEquals(4, db.count("SELECT cached_input_tokens FROM usage_event WHERE event_key = 'litellm:ll-a'"));
        // No response_cost: priced from the table, 1M input tokens of claude-sonnet-4-5 = 3 USD.
        assertEquals(3.0, db.sum("SELECT cost_usd FROM usage_event WHERE event_key = 'litellm:ll-b'"), 1e-9);
        assertEquals(32, db.string("SELECT actor FROM usage_event WHERE event_key = 'litellm:ll-b'").length());
    }

    @Test
    void acceptsNdjson() throws IOException {
        String nd = variant("ll-nd-1", "ll-nd") + "\n" + variant("ll-nd-2", "ll-nd") + "\n";
        Api.ingest().contentType("application/x-ndjson").body(nd.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/litellm").then().statusCode(202).body("accepted", equalTo(2));
        assertEquals(2, db.events("ll-nd"));
    }

    @Test
    void failedCallsCountTheirCostAndNothingElse() throws IOException {
        ObjectNode withCost = variant("ll-fail-1", "ll-fail");
        withCost.put("status", "failure");
        withCost.put("response_cost", 0.5);
        ObjectNode noCost = variant("ll-fail-2", "ll-fail");
        noCost.put("status", "failure");
        noCost.put("response_cost", 0);
        Api.ingest().contentType(ContentType.JSON).body(JSON.createArrayNode().add(withCost).add(noCost).toString())
                .post("/ingest/litellm").then().statusCode(202).body("accepted", equalTo(1));
        assertEquals(1, db.events("ll-fail"));
        assertEquals(0.5, db.sum("SELECT cost_usd FROM usage_event WHERE event_key = 'litellm:ll-fail-1'"), 1e-12);
        assertEquals(0, db.count("SELECT input_tokens + output_tokens FROM usage_event WHERE event_key = "
                + "'litellm:ll-fail-1'"));
        assertNull(db.string("SELECT event_key FROM usage_event WHERE event_key = 'litellm:ll-fail-2'"));
    }

    @Test
    void rejectsTheBatchNamingEachBadPayload() throws IOException {
        ObjectNode ok = variant("ll-bad-ok", "ll-bad");
        ObjectNode noModel = variant("ll-bad-1", "ll-bad");
        noModel.remove("model");
        ObjectNode negative = variant("ll-bad-2", "ll-bad", "workflow:juggling");
        negative.put("prompt_tokens", -3);
        Api.ingest().contentType(ContentType.JSON)
                .body(JSON.createArrayNode().add(ok).add(noModel).add(negative).toString()).post("/ingest/litellm")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.index == 1 }.field", equalTo("model"))
                .body("errors.findAll { it.index == 2 }.field", hasItems("prompt_tokens", "request_tags"));
        assertEquals(0, db.events("ll-bad"));
        Api.ingest().contentType(ContentType.TEXT).body("x").post("/ingest/litellm").then().statusCode(415);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body("[]").post("/ingest/litellm")
                .then().statusCode(401);
    }
}
