package dev.tokenwise.github;

import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without GITHUB_WEBHOOK_SECRET every delivery is refused, however it is signed. */
@QuarkusTest
@TestProfile(GitHubWebhookUnconfiguredTest.NoSecret.class)
class GitHubWebhookUnconfiguredTest {

    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.tokenwise.github.webhook-secret", "");
        }
    }

    @Test
    void refusesEveryDeliveryWith503() {
        GitHubHooks.post("ping", GitHubHooks.fixture("ping")).then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("GITHUB_WEBHOOK_SECRET"));
        GitHubHooks.post("pull_request", GitHubHooks.fixture("pull_request-opened")).then().statusCode(503);
    }
}
