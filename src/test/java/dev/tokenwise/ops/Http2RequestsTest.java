package dev.tokenwise.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Clients that speak HTTP/2 (the JDK's HttpClient upgrades plain-text connections to h2c by default) get the same
 * answers as HTTP/1.1 clients: the body limits must not break a request that has no body, or a sized one.
 */
@QuarkusTest
class Http2RequestsTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    @Test
    void aGetWithoutBodyAndAPostWithBodyAnswerOverHttp2() throws Exception {
        Api.team("h2-team", "{\"timezone\":\"UTC\"}");
        // The first request on a connection is the h2c upgrade; the second travels as an HTTP/2 stream.
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> card = client.send(HttpRequest.newBuilder(uri(
                    "/api/teams/h2-team/scorecard?from=2026-11-16&to=2026-11-23"))
                    .header("Authorization", "Bearer " + Api.READ_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, card.statusCode(), card.body());
            assertTrue(card.body().contains("\"team\":\"h2-team\""), card.body());
        }
        HttpResponse<String> ingest = client.send(HttpRequest.newBuilder(uri("/ingest/usage"))
                .header("Authorization", "Bearer " + Api.INGEST_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"timestamp\":\"2026-11-18T10:00:00Z\",\"team\":\"h2-team\","
                        + "\"model\":\"claude-sonnet-4-5\",\"cost_usd\":1.5}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, ingest.statusCode(), ingest.body());
        assertEquals("{\"accepted\":1,\"duplicates\":0}", ingest.body());
        assertEquals(HttpClient.Version.HTTP_2, ingest.version());
    }
}
