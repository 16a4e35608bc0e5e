package dev.tokenwise.budget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.Rollups;
import dev.tokenwise.slack.command.BudgetCommand;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class BudgetResourceTest {

    /** The members of the team's and of each workflow's envelope. */
    private static final String[] ENVELOPE = { "monthly_usd", "spent_usd", "remaining_usd", "used_ratio",
            "forecast_usd", "forecast_ratio" };

    @Inject
    MutableClock clock;

    @Inject
    Rollups rollups;

    @Inject
    BudgetCommand answers;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Berlin, November 2027 (CET, UTC+1, no DST change): the month runs from 2027-10-31T23:00Z to 2027-11-30T23:00Z.
     * At 2027-11-10T11:00Z (noon local on the 10th) 9.5 of 30 days have elapsed.
     */
    @Test
    void answersTheMonthToDateInTheTeamsZone() {
        Api.team("bud-berlin", "{\"timezone\":\"Europe/Berlin\",\"monthly_budget_usd\":1000,"
                + "\"workflow_budgets_usd\":{\"coding\":600}}");
        rollups.add("bud-berlin", Instant.parse("2027-10-31T22:00:00Z"), "coding", "m", "", 50); // 31 Oct 23:00 local
        rollups.add("bud-berlin", Instant.parse("2027-10-31T23:00:00Z"), "coding", "m", "", 100); // 1 Nov 00:00 local
        rollups.add("bud-berlin", Instant.parse("2027-11-05T09:00:00Z"), "coding", "m", "", 200);
        rollups.add("bud-berlin", Instant.parse("2027-11-10T11:00:00Z"), "review", "m", "", 100);
        rollups.add("bud-berlin", Instant.parse("2027-11-10T12:00:00Z"), "coding", "m", "", 999); // after "now"
        // spent 400 = 100 + 200 + 100; forecast 400 / 9.5 × 30 = 1263.1579; coding 300 / 9.5 × 30 = 947.3684
        clock.set("2027-11-10T11:00:00Z");
        Api.reader().get("/api/teams/bud-berlin/budget").then().statusCode(200)
                .body("team", equalTo("bud-berlin"))
                .body("month", equalTo("2027-11"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("elapsed_days", equalTo(9.5f))
                .body("days_in_month", equalTo(30))
                .body("monthly_usd", equalTo(1000.0f))
                .body("spent_usd", equalTo(400.0f))
                .body("remaining_usd", equalTo(600.0f))
                .body("used_ratio", equalTo(0.4f))
                .body("forecast_usd", equalTo(1263.1579f))
                .body("forecast_ratio", equalTo(1.2632f))
                .body("by_workflow.coding.monthly_usd", equalTo(600.0f))
                .body("by_workflow.coding.spent_usd", equalTo(300.0f))
                .body("by_workflow.coding.remaining_usd", equalTo(300.0f))
                .body("by_workflow.coding.used_ratio", equalTo(0.5f))
                .body("by_workflow.coding.forecast_usd", equalTo(947.3684f))
                .body("by_workflow.review", hasEntry("monthly_usd", null))
                .body("by_workflow.review", hasEntry("remaining_usd", null))
                .body("by_workflow.review", hasEntry("used_ratio", null))
                .body("by_workflow.review", hasEntry("forecast_ratio", null))
                .body("by_workflow.review.spent_usd", equalTo(100.0f))
                .body("by_workflow.review.forecast_usd", equalTo(315.7895f))
                // Exact member names, so that a renamed member cannot pass as "null".
                .body("keySet()", containsInAnyOrder("team", "month", "timezone", "as_of", "elapsed_days",
                        "days_in_month", "monthly_usd", "spent_usd", "remaining_usd", "used_ratio", "forecast_usd",
                        "forecast_ratio", "by_workflow", "billed_usd", "billed_through", "estimate_drift"))
                // No billing source covers the team: the billed figures are present and null.
                .body("$", hasEntry("billed_usd", null))
                .body("$", hasEntry("billed_through", null))
                .body("$", hasEntry("estimate_drift", null))
                .body("by_workflow.keySet()", containsInAnyOrder("coding", "review"))
                .body("by_workflow.coding.keySet()", containsInAnyOrder(ENVELOPE))
                .body("by_workflow.review.keySet()", containsInAnyOrder(ENVELOPE));

        SlackMessage m = answers.report("bud-berlin");
        org.junit.jupiter.api.Assertions.assertTrue(m.text().contains("$400.00 spent of $1,000.00 (40 % used), "
                + "$600.00 remaining, forecast $1,263.16 (126 %)"), m.text());
        org.junit.jupiter.api.Assertions.assertTrue(m.text().contains("coding: $300.00 spent of $600.00"),
                m.text());
    }

    @Test
    void aTeamWithoutBudgetGetsNullsAndItsSpend() {
        Api.team("bud-none", "{}");
        rollups.add("bud-none", Instant.parse("2027-11-02T10:00:00Z"), "docs", "m", "", 12.5);
        clock.set("2027-11-02T12:00:00Z");
        // Present and null (not left out): 1.5 days in, 12.50 spent → forecast 250.
        Api.reader().get("/api/teams/bud-none/budget").then().statusCode(200)
                .body("$", hasEntry("monthly_usd", null))
                .body("$", hasEntry("remaining_usd", null))
                .body("$", hasEntry("used_ratio", null))
                .body("$", hasEntry("forecast_ratio", null))
                .body("spent_usd", equalTo(12.5f))
                .body("forecast_usd", equalTo(250.0f))
                .body("by_workflow", hasKey("docs"))
                .body("by_workflow", not(hasKey("coding")))
                .body("by_workflow.keySet()", containsInAnyOrder("docs"))
                .body("by_workflow.docs", hasEntry("monthly_usd", null));
        org.junit.jupiter.api.Assertions.assertTrue(answers.report("bud-none").text().contains("No envelope"));
        org.junit.jupiter.api.Assertions.assertEquals("*Budget of bud-none* — 2027-11 to date (day 1.5 of 30, UTC)\n"
                + "$12.50 spent, forecast $250.00 (no envelope)", answers.report("bud-none").text().split("\n\n")[0]);
    }

    @Test
    void anUnknownTeamIsA404Problem() {
        Api.reader().get("/api/teams/bud-nobody/budget").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
        org.junit.jupiter.api.Assertions.assertTrue(answers.report("bud-nobody").text().contains("don't know"));
    }

    @Test
    void theBudgetNeedsAToken() {
        given().get("/api/teams/bud-none/budget").then().statusCode(401);
    }
}
