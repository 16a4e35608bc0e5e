package dev.tokenwise.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void healthEndpointsAnswerUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void prometheusMetricsCountRejectedRequestsByReason() {
        given().get("/api/admin/teams").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tokenwise_rejected_requests_total{reason=\"unauthorized\"}"));
    }

    @Test
    void openApiDescribesThePublicEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/teams/{team}/scorecard"))
                .body(containsString("/api/admin/teams/{team}"));
    }
}
