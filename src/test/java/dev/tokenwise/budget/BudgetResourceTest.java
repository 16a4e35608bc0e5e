package dev.tokenwise.budget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.Rollups;
import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class BudgetResourceTest {

    @Inject
    MutableClock clock;

    @Inject
    Rollups rollups;

    @Inject
    BudgetAnswers answers;

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
                .body("by_workflow.review.monthly_usd", nullValue())
                .body("by_workflow.review.spent_usd", equalTo(100.0f))
                .body("by_workflow.review.forecast_usd", equalTo(315.7895f));

        ChatMessage m = answers.answer("bud-berlin");
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
        Api.reader().get("/api/teams/bud-none/budget").then().statusCode(200)
                .body("monthly_usd", nullValue())
                .body("remaining_usd", nullValue())
                .body("used_ratio", nullValue())
                .body("forecast_ratio", nullValue())
                .body("spent_usd", equalTo(12.5f))
                .body("by_workflow", hasKey("docs"))
                .body("by_workflow", not(hasKey("coding")));
        org.junit.jupiter.api.Assertions.assertTrue(answers.answer("bud-none").text().contains("No envelope"));
    }

    @Test
    void anUnknownTeamIsA404Problem() {
        Api.reader().get("/api/teams/bud-nobody/budget").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
        org.junit.jupiter.api.Assertions.assertTrue(answers.answer("bud-nobody").text().contains("don't know"));
    }

    @Test
    void theBudgetNeedsAToken() {
        given().get("/api/teams/bud-none/budget").then().statusCode(401);
    }
}
