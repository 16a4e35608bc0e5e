package dev.tokenwise.team;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AdminApiTest {

    @Test
    void createsUpdatesAndAuditsATeam() {
        Api.admin().body("{\"channel\":\"C0123\",\"timezone\":\"Europe/Berlin\",\"monthly_budget_usd\":5000,"
                + "\"workflow_budgets_usd\":{\"coding\":3000}}")
                .put("/api/admin/teams/admin-payments")
                .then().statusCode(201)
                .body("id", equalTo("admin-payments"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("digest_day", equalTo("MONDAY"))
                .body("digest_time", equalTo("09:00"))
                .body("min_contributors", equalTo(3))
                .body("pulse", equalTo(false))
                .body("workflow_budgets_usd.coding", equalTo(3000));

        Api.admin().body("{\"digest_day\":\"friday\",\"min_contributors\":5,\"pulse\":true}")
                .put("/api/admin/teams/admin-payments")
                .then().statusCode(200)
                .body("digest_day", equalTo("FRIDAY"))
                .body("channel", equalTo("C0123"))
                .body("min_contributors", equalTo(5))
                .body("pulse", equalTo(true));

        Api.repo("Acme/Payments-API", "admin-payments");
        Api.admin().get("/api/admin/teams/admin-payments").then().statusCode(200)
                .body("repos", contains("acme/payments-api"));

        Api.admin().get("/api/admin/audit").then().statusCode(200)
                .body("find { it.target == 'team/admin-payments' && it.action == 'team.update' }.actor", equalTo("admin"))
                .body("find { it.target == 'team/admin-payments' && it.action == 'team.update' }.before.digest_day",
                        equalTo("MONDAY"))
                .body("find { it.target == 'team/admin-payments' && it.action == 'team.update' }.after.digest_day",
                        equalTo("FRIDAY"))
                .body("find { it.target == 'team/admin-payments' && it.action == 'team.update' }.after.pulse",
                        equalTo(true))
                .body("find { it.target == 'repo/acme/payments-api' }.after.team", equalTo("admin-payments"));

        // An update without the switch keeps it.
        Api.admin().body("{\"working_hours\":\"08:00-17:00\"}").put("/api/admin/teams/admin-payments")
                .then().statusCode(200)
                .body("pulse", equalTo(true));

        Api.admin().delete("/api/admin/teams/admin-payments").then().statusCode(204);
        Api.admin().get("/api/admin/teams/admin-payments").then().statusCode(404)
                .contentType("application/problem+json");
        // The delete is audited with the settings it removed, and "after" is present and null.
        Api.admin().get("/api/admin/audit").then()
                .body("find { it.action == 'team.delete' && it.target == 'team/admin-payments' }.actor",
                        equalTo("admin"))
                .body("find { it.action == 'team.delete' && it.target == 'team/admin-payments' }.before.digest_day",
                        equalTo("FRIDAY"))
                .body("find { it.action == 'team.delete' && it.target == 'team/admin-payments' }", hasKey("after"))
                .body("find { it.action == 'team.delete' && it.target == 'team/admin-payments' }.after", nullValue());
    }

    @Test
    void rejectsInvalidTeamSettingsNamingEachField() {
        Api.admin().body("{\"timezone\":\"Mars/Olympus\",\"digest_day\":\"someday\",\"digest_time\":\"9am\","
                + "\"workflow_budgets_usd\":{\"painting\":10},\"min_contributors\":0}")
                .put("/api/admin/teams/bad-team")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("digest_time"))
                .body("errors.field", hasItem("min_contributors"));
        Api.admin()
                .body("{\"timezone\":\"Mars/Olympus\",\"digest_day\":\"someday\",\"workflow_budgets_usd\":{\"painting\":10}}")
                .put("/api/admin/teams/bad-team")
                .then().statusCode(400)
                .body("errors.field", hasItem("timezone"))
                .body("errors.field", hasItem("digest_day"))
                .body("errors.field", hasItem("workflow_budgets_usd.painting"));
        Api.admin().body("{}").put("/api/admin/teams/Not_A_Slug").then().statusCode(400);
        Api.admin().get("/api/admin/teams/bad-team").then().statusCode(404);
    }

    @Test
    void refusesWithoutTheAdminToken() {
        given().get("/api/admin/teams").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").get("/api/admin/teams").then().statusCode(401);
        // The ingest token is not an admin token.
        given().header("Authorization", "Bearer " + Api.INGEST_TOKEN).get("/api/admin/teams").then().statusCode(401);
    }

    @Test
    void mapsRepositoriesOnlyToExistingTeams() {
        Api.admin().body("{\"team\":\"no-such-team\"}").put("/api/admin/repos/acme/thing")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("team"));
    }

    @Test
    void setsPricesFromADateAndAuditsThem() {
        Api.admin()
                .body("{\"input\":2.5,\"cached_input\":0.25,\"cache_write\":3,\"output\":12,\"effective_from\":\"2026-02-01\"}")
                .put("/api/admin/prices/acme-model-1")
                .then().statusCode(200)
                .body("model", equalTo("acme-model-1"))
                .body("effective_from", equalTo("2026-02-01"));
        Api.admin().get("/api/admin/prices").then().statusCode(200)
                .body("find { it.model == 'acme-model-1' }.output", equalTo(12.0f))
                .body("model", hasItem("claude-sonnet-4-5"));
        Api.admin().body("{\"input\":-1,\"cached_input\":0,\"cache_write\":0}")
                .put("/api/admin/prices/acme-model-2")
                .then().statusCode(400).body("errors.field", hasItem("input")).body("errors.field", hasItem("output"));
        Api.admin().get("/api/admin/audit").then()
                .body("find { it.target == 'price/acme-model-1@2026-02-01' }.after.input", equalTo(2.5f));
    }

    @Test
    void updatesSettingsPartially() {
        Api.admin().body("{\"spike_floor_usd\":25,\"defect_labels\":[\"Bug\",\"regression\"]}")
                .put("/api/admin/settings")
                .then().statusCode(200)
                .body("spike_floor_usd", equalTo(25))
                .body("spike_factor", equalTo(3))
                .body("defect_labels", contains("bug", "regression"))
                .body("hotfix_labels", contains("hotfix"));
        Api.admin().body("{\"hotfix_labels\":[\" Hotfix \",\"Urgent\"]}").put("/api/admin/settings")
                .then().statusCode(200).body("hotfix_labels", contains("hotfix", "urgent"))
                .body("defect_labels", contains("bug", "regression"));
        Api.admin().body("{\"spike_factor\":0}").put("/api/admin/settings")
                .then().statusCode(400).body("errors[0].field", equalTo("spike_factor"));
        Api.admin().body("not json").contentType(ContentType.JSON).put("/api/admin/settings")
                .then().statusCode(400).contentType("application/problem+json");
        // Restore defaults for other tests.
        Api.admin().body("{\"spike_floor_usd\":20,\"defect_labels\":[\"bug\",\"defect\"],\"hotfix_labels\":[\"hotfix\"]}")
                .put("/api/admin/settings")
                .then().statusCode(200);
    }
}
