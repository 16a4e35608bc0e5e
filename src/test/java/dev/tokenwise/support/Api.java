package dev.tokenwise.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured starting points with the test profile's bearer tokens. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String INGEST_TOKEN = "test-ingest-token";
    public static final String READ_TOKEN = "test-read-token";

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification ingest() {
        return given().header("Authorization", "Bearer " + INGEST_TOKEN);
    }

    public static RequestSpecification reader() {
        return given().header("Authorization", "Bearer " + READ_TOKEN);
    }

    /** Creates or updates a team with the given JSON settings (e.g. {@code {"timezone":"Europe/Berlin"}}). */
    public static void team(String id, String json) {
        admin().body(json).put("/api/admin/teams/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    public static void repo(String fullName, String team) {
        admin().body("{\"team\":\"" + team + "\"}").put("/api/admin/repos/" + fullName).then().statusCode(200);
    }
}
