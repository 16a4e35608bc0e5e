package dev.tokenwise.slack;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without SLACK_SIGNING_SECRET nothing can be verified, so {@code /slack/events} refuses every request, even one
 * signed with the secret another deployment uses, with a 503 that says what to set.
 */
@QuarkusTest
@TestProfile(SlackNotConfiguredTest.NoSigningSecret.class)
class SlackNotConfiguredTest {

    public static class NoSigningSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenwise.slack.signing-secret", "");
        }
    }

    @Test
    void everySlackRequestIsRefusedUntilTheSigningSecretIsSet() {
        String body = SlackRequests.slashCommandBody("help", "C0NOSECRET", "U0NOSECRET", "http://127.0.0.1:9/hooks/x");
        SlackRequests.post(body, Instant.now()).then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("detail", containsString("SLACK_SIGNING_SECRET"));
    }
}
