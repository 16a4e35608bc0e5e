package dev.tokenwise.sources;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.alerts.AlertRun;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.slack.command.BudgetCommand;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.FakeUpstream;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SourcesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The vendors' billed cost beside the estimate (docs/contract.md §5.7), against a fake Anthropic Admin API over
 * real HTTP: the cost report's pages, the days stored per workspace, billed_usd / billed_through / estimate_drift in
 * the budget answer and in /tokenwise budget, and the drift alert once per team and month.
 */
@QuarkusTest
@TestProfile(SourcesProfile.class)
class BilledCostTest {

    static final String COST_REPORT = "/v1/organizations/cost_report";

    @Inject
    MutableClock clock;

    @Inject
    SourcesDb sources;

    @Inject
    AlertRun alerts;

    @Inject
    BudgetCommand budget;

    @Inject
    Db db;

    FakeUpstream anthropic;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void reset() {
        anthropic = SourcesProfile.anthropic;
        anthropic.reset();
        SourcesProfile.github.reset();
        sources.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * The cost report as the fake answers it: one daily bucket per page whatever the limit (so a 3-day window takes
     * three pages), each day's results from {@code results}, amounts in cents as decimal strings.
     */
    static java.util.function.Function<FakeUpstream.Request, FakeUpstream.Response> costReport(
            java.util.function.Function<LocalDate, String> results) {
        return r -> {
            if (!r.path().equals(COST_REPORT)) {
                return FakeUpstream.Response.status(404, "{}");
            }
            LocalDate first = LocalDate.parse(r.query().get("starting_at").substring(0, 10));
            LocalDate end = LocalDate.parse(r.query().get("ending_at").substring(0, 10));
            String page = r.query().get("page");
            LocalDate day = page == null ? first : LocalDate.parse(page.substring("page_".length()));
            if (!day.isBefore(end)) {
                return FakeUpstream.Response.json("{\"data\":[],\"has_more\":false,\"next_page\":null}");
            }
            boolean more = day.plusDays(1).isBefore(end);
            return FakeUpstream.Response.json("{\"data\":[{\"starting_at\":\"" + day + "T00:00:00Z\",\"ending_at\":\""
                    + day.plusDays(1) + "T00:00:00Z\",\"results\":[" + results.apply(day) + "]}],\"has_more\":"
                    + more + ",\"next_page\":" + (more ? "\"page_" + day.plusDays(1) + "\"" : "null") + "}");
        };
    }

    static String result(String workspace, String cents) {
        return "{\"currency\":\"USD\",\"amount\":\"" + cents + "\",\"workspace_id\":"
                + (workspace == null ? "null" : "\"" + workspace + "\"") + ",\"description\":null,"
                + "\"cost_type\":null,\"context_window\":null,\"model\":null,\"service_tier\":null,"
                + "\"token_type\":null}";
    }

    @Test
    void theCostReportIsReadPageByPageAndStoredPerWorkspaceAndDay() {
        clock.set("2026-10-05T08:00:00Z");
        anthropic.handle(costReport(day -> result("wrkspc_a", "1250.5") + ","
                + result(null, String.valueOf(100 * day.getDayOfMonth()))));

        // First run: initial-days (3 in the test profile) ending yesterday.
        Api.admin().post("/api/admin/sources/anthropic/sync").then().statusCode(200)
                .body("days_synced", equalTo(3))
                .body("state.covered_through", equalTo("2026-10-04"));
        assertEquals(List.of(
                "2026-10-02 default 2.0000", "2026-10-02 wrkspc_a 12.5050",
                "2026-10-03 default 3.0000", "2026-10-03 wrkspc_a 12.5050",
                "2026-10-04 default 4.0000", "2026-10-04 wrkspc_a 12.5050"), sources.billed("anthropic"));
        List<FakeUpstream.Request> calls = anthropic.requests(COST_REPORT);
        List<String> pages = new ArrayList<>();
        calls.forEach(c -> pages.add(c.query().get("page")));
        assertEquals(java.util.Arrays.asList(null, "page_2026-10-03", "page_2026-10-04"), pages);
        FakeUpstream.Request first = calls.get(0);
        assertEquals("2026-10-02T00:00:00Z", first.query().get("starting_at"));
        assertEquals("2026-10-05T00:00:00Z", first.query().get("ending_at"));
        assertEquals("1d", first.query().get("bucket_width"));
        assertEquals("workspace_id", first.query().get("group_by[]"));
        assertEquals(SourcesProfile.ANTHROPIC_KEY, first.header("x-api-key"));
        assertEquals("2023-06-01", first.header("anthropic-version"));

        // Nothing new to fetch; fetched again, the days are replaced, never added to.
        Api.admin().post("/api/admin/sources/anthropic/sync").then().statusCode(200).body("days_synced", equalTo(0));
        assertEquals(3, anthropic.requests(COST_REPORT).size());
        anthropic.handle(costReport(day -> result("wrkspc_a", "99")));
        Api.admin().post("/api/admin/sources/anthropic/sync?from=2026-10-03").then().statusCode(200)
                .body("days_synced", equalTo(2));
        assertEquals(List.of(
                "2026-10-02 default 2.0000", "2026-10-02 wrkspc_a 12.5050",
                "2026-10-03 wrkspc_a 0.9900", "2026-10-04 wrkspc_a 0.9900"), sources.billed("anthropic"));
    }

    /**
     * Team rec bills through workspace wrkspc_rec: $8.00 a day from 1 to 4 December (the other workspace is another
     * team's). Its telemetry: claude-sonnet-4-5 $10.00 a day on the same days (estimated $40), gpt-5 $100 (OpenAI,
     * whose bill the team does not map: not in the estimate), and claude $50 on the 5th (after billed_through).
     * Drift = (40 − 32) ÷ 32 = +0.25, beyond ±0.15 over 4 billed days: one alert.
     */
    @Test
    void theBudgetShowsBilledCostAndTheDriftRaisesOneAlertPerMonth() {
        Api.team("rec", "{\"channel\":\"C0REC\",\"anthropic_workspaces\":[\"wrkspc_rec\"]}");
        clock.set("2026-12-05T18:00:00Z");
        StringBuilder events = new StringBuilder("[");
        for (int d = 1; d <= 4; d++) {
            events.append(event("rec-c" + d, "2026-12-0" + d + "T10:00:00Z", "claude-sonnet-4-5", 10)).append(',');
        }
        events.append(event("rec-g", "2026-12-02T10:00:00Z", "gpt-5", 100)).append(',');
        events.append(event("rec-late", "2026-12-05T10:00:00Z", "claude-sonnet-4-5", 50)).append(']');
        Api.ingest().contentType("application/json").body(events.toString()).post("/ingest/usage").then()
                .statusCode(202).body("accepted", equalTo(6));
        anthropic.handle(costReport(day -> result("wrkspc_rec", "800") + "," + result("wrkspc_other", "5000")));

        // Two billed days only: the drift is shown but too young for an alert.
        clock.set("2026-12-03T18:00:00Z");
        sources.coveredThrough("anthropic", LocalDate.parse("2026-11-30"));
        Api.admin().post("/api/admin/sources/anthropic/sync").then().statusCode(200).body("days_synced", equalTo(2));
        Api.reader().get("/api/teams/rec/budget").then().statusCode(200)
                .body("billed_usd", equalTo(16.0f))
                .body("billed_through", equalTo("2026-12-02"))
                .body("estimate_drift", equalTo(0.25f));
        assertEquals(0, alerts.evaluateTeams(Set.of("rec")).queued().get("drift"));

        clock.set("2026-12-05T18:00:00Z");
        Api.admin().post("/api/admin/sources/anthropic/sync").then().statusCode(200).body("days_synced", equalTo(2));
        Api.reader().get("/api/teams/rec/budget").then().statusCode(200)
                .body("spent_usd", equalTo(190.0f))
                .body("billed_usd", equalTo(32.0f))
                .body("billed_through", equalTo("2026-12-04"))
                .body("estimate_drift", equalTo(0.25f));
        String answer = budget.report("rec").text();
        assertTrue(answer.contains("*Billed* by the vendors through 2026-12-04: $32.00; estimate drift +25 % (our "
                + "estimate of their models is above the bill)."), answer);

        assertEquals(1, alerts.evaluateTeams(Set.of("rec")).queued().get("drift"));
        assertEquals(0, alerts.evaluateTeams(Set.of("rec")).queued().get("drift"), "once per team and month");
        assertEquals(List.of("alert:drift:rec:2026-12 drift * 40.0000 32.0000"), db.transaction(() -> db.list(
                "SELECT alert_key, alert_rule, subject, amount_usd, baseline_usd FROM alert_event WHERE team_id = ? "
                        + "AND alert_rule = 'drift'",
                rs -> String.format(Locale.ROOT, "%s %s %s %.4f %.4f", rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getDouble(4), rs.getDouble(5)),
                "rec")));
        String summary = db.transaction(() -> db.one("SELECT summary FROM alert_event WHERE alert_key = ?",
                rs -> rs.getString(1), "alert:drift:rec:2026-12").orElseThrow());
        assertEquals(":scales: Estimate drift — our estimate of the vendors' models for *rec* is 25 % above what they "
                + "billed in 2026-12 (through 2026-12-04, 4 days): $40.00 estimated, $32.00 billed; the limit is "
                + "±15 %. Check the price table (PUT /api/admin/prices) and that every agent sends its usage.",
                summary);
    }

    @Test
    void aTeamWithoutBilledAccountsHasNoBilledFigures() {
        Api.team("rec-none", "{}");
        clock.set("2026-12-05T18:00:00Z");
        Api.reader().get("/api/teams/rec-none/budget").then().statusCode(200)
                .body("$", hasEntry("billed_usd", null))
                .body("$", hasEntry("billed_through", null))
                .body("$", hasEntry("estimate_drift", null));
    }

    @Test
    void aWorkspaceBelongsToOneTeamAndAModelRecordsItsVendor() {
        Api.team("ws-one", "{\"anthropic_workspaces\":[\"wrkspc_shared\"],\"openai_projects\":[\"proj_1\"]}");
        Api.admin().body("{\"anthropic_workspaces\":[\"wrkspc_x\",\"wrkspc_shared\"]}").put("/api/admin/teams/ws-two")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("anthropic_workspaces[1]"))
                .body("errors[0].message", equalTo("'wrkspc_shared' belongs to team ws-one; remove it there first"));
        Api.admin().get("/api/admin/teams/ws-one").then().statusCode(200)
                .body("anthropic_workspaces", equalTo(List.of("wrkspc_shared")))
                .body("openai_projects", equalTo(List.of("proj_1")))
                .body("github_teams", equalTo(List.of()));
        Api.admin().body("{\"github_teams\":[\"\"]}").put("/api/admin/teams/ws-one").then().statusCode(400)
                .body("errors[0].field", equalTo("github_teams[0]"));

        Api.admin().body("{\"input\":1,\"cached_input\":0.1,\"cache_write\":1.25,\"output\":5,"
                + "\"effective_from\":\"2026-01-01\",\"vendor\":\"Anthropic\"}").put("/api/admin/prices/house-claude")
                .then().statusCode(200).body("vendor", equalTo("anthropic"));
        Api.admin().get("/api/admin/prices").then().statusCode(200)
                .body("find { it.model == 'house-claude' }.vendor", equalTo("anthropic"))
                .body("find { it.model == 'gpt-5' }.vendor", equalTo("openai"))
                .body("find { it.model == 'gemini-2.5-pro' }.vendor", equalTo("google"));
        Api.admin().body("{\"input\":1,\"cached_input\":0.1,\"cache_write\":1.25,\"output\":5,\"vendor\":\"a b\"}")
                .put("/api/admin/prices/house-claude").then().statusCode(400)
                .body("errors[0].field", equalTo("vendor"));
        Api.admin().body("{\"copilot_seat_usd_month\":39,\"reconcile_drift\":0.1}").put("/api/admin/settings")
                .then().statusCode(200)
                .body("copilot_seat_usd_month", equalTo(39))
                .body("reconcile_drift", equalTo(0.1f));
        Api.admin().body("{\"copilot_seat_usd_month\":19,\"reconcile_drift\":0.15}").put("/api/admin/settings")
                .then().statusCode(200);
        Api.admin().body("{\"reconcile_drift\":0}").put("/api/admin/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("reconcile_drift"));
    }

    private static String event(String id, String at, String model, double cost) {
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"timestamp\":\"%s\",\"team\":\"rec\",\"workflow\":\"coding\","
                + "\"tool\":\"claude-code\",\"model\":\"%s\",\"input_tokens\":1000,\"output_tokens\":100,"
                + "\"cost_usd\":%s}", id, at, model, cost);
    }
}
