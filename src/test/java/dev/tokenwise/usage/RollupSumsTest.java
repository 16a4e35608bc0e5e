package dev.tokenwise.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Sums that cannot overflow, and money whose parts add up to the total it is part of. */
@QuarkusTest
class RollupSumsTest {

    @Inject
    MutableClock clock;

    @Inject
    UsageWriter writer;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static UsageEvent huge(String key, Instant at, long tokens) {
        return new UsageEvent(key, at, Rollups.bucketOf(at, ZoneOffset.UTC), "rs-big", null, "coding", "", "m-huge",
                tokens, 0, 0, tokens, 0, 1.0, true, true, null, null, null, "usage");
    }

    /**
     * Token sums past the largest BIGINT stay at it, through the group commit's insert, its upsert and the read:
     * the writes commit and the scorecard answers (input limits keep real clients far below this).
     */
    @Test
    void tokenSumsHoldAtTheLargestLong() {
        clock.set("2026-11-20T12:00:00Z");
        Api.team("rs-big", "{\"timezone\":\"UTC\"}");
        Instant at = Instant.parse("2026-11-18T10:15:00Z");
        long big = 5_000_000_000_000_000_000L;
        assertEquals(new IngestResult(2, 0), writer.write(List.of(huge("rs-1", at, big), huge("rs-2", at, big))));
        assertEquals(new IngestResult(1, 0), writer.write(List.of(huge("rs-3", at, big))));
        // Another hour of the same day: the read adds two capped rows.
        assertEquals(new IngestResult(1, 0), writer.write(List.of(huge("rs-4", at.plusSeconds(3600), big))));
        JsonPath card = Api.reader().get("/api/teams/rs-big/scorecard?from=2026-11-18&to=2026-11-19").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(Long.MAX_VALUE, card.getLong("cost.input_tokens"));
        assertEquals(Long.MAX_VALUE, card.getLong("cost.output_tokens"));
        assertEquals(0, new BigDecimal("4").compareTo(card.getObject("cost.total_usd", BigDecimal.class)));
    }

    /** Three events of 0.33335 USD: the total is 1.0001, and so is the sum of each breakdown. */
    @Test
    void breakdownsAddUpToTheTotal() {
        clock.set("2026-11-20T12:00:00Z");
        Api.team("rs-parts", "{\"timezone\":\"UTC\",\"monthly_budget_usd\":10}");
        Api.ingest().contentType(ContentType.JSON).body("["
                + "{\"timestamp\":\"2026-11-18T10:00:00Z\",\"team\":\"rs-parts\",\"workflow\":\"coding\","
                + "\"model\":\"m-one\",\"cost_usd\":0.33335,\"repo\":\"acme/rs\",\"pull_request\":1},"
                + "{\"timestamp\":\"2026-11-18T11:00:00Z\",\"team\":\"rs-parts\",\"workflow\":\"docs\","
                + "\"model\":\"m-two\",\"cost_usd\":0.33335},"
                + "{\"timestamp\":\"2026-11-18T12:00:00Z\",\"team\":\"rs-parts\",\"workflow\":\"testing\","
                + "\"model\":\"m-three\",\"cost_usd\":0.33335}]").post("/ingest/usage").then().statusCode(202);
        JsonPath cost = Api.reader().get("/api/teams/rs-parts/scorecard?from=2026-11-16&to=2026-11-23").then()
                .statusCode(200).extract().jsonPath().setRootPath("cost");
        assertEquals(new BigDecimal("1.0001"), cost.getObject("total_usd", BigDecimal.class));
        assertEquals(new BigDecimal("0.6667"), cost.getObject("unattributed_usd", BigDecimal.class));
        Map<String, BigDecimal> byWorkflow = Map.of("coding", new BigDecimal("0.3334"), "docs",
                new BigDecimal("0.3334"), "testing", new BigDecimal("0.3333"));
        assertEquals(byWorkflow.get("coding"), cost.getObject("by_workflow.coding", BigDecimal.class));
        assertEquals(byWorkflow.get("docs"), cost.getObject("by_workflow.docs", BigDecimal.class));
        assertEquals(byWorkflow.get("testing"), cost.getObject("by_workflow.testing", BigDecimal.class));
        assertEquals(new BigDecimal("0.3334"), cost.getObject("by_model.m-one", BigDecimal.class));
        // Equal remainders: the missing units go to the earlier keys (m-one, m-three, m-two in key order).
        assertEquals(new BigDecimal("0.3334"), cost.getObject("by_model.m-three", BigDecimal.class));
        assertEquals(new BigDecimal("0.3333"), cost.getObject("by_model.m-two", BigDecimal.class));

        JsonPath budget = Api.reader().get("/api/teams/rs-parts/budget").then().statusCode(200).extract().jsonPath();
        assertEquals(new BigDecimal("1.0001"), budget.getObject("spent_usd", BigDecimal.class));
        assertEquals(new BigDecimal("8.9999"), budget.getObject("remaining_usd", BigDecimal.class));
        assertEquals(new BigDecimal("0.3334"), budget.getObject("by_workflow.coding.spent_usd", BigDecimal.class));
        assertEquals(new BigDecimal("0.3334"), budget.getObject("by_workflow.docs.spent_usd", BigDecimal.class));
        assertEquals(new BigDecimal("0.3333"), budget.getObject("by_workflow.testing.spent_usd", BigDecimal.class));
    }
}
