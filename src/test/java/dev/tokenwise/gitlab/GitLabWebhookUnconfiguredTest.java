package dev.tokenwise.gitlab;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without GITLAB_WEBHOOK_SECRET every delivery is refused, whatever token it carries, and nothing is stored. */
@QuarkusTest
@TestProfile(GitLabWebhookUnconfiguredTest.NoSecret.class)
class GitLabWebhookUnconfiguredTest {

    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.tokenwise.gitlab.webhook-secret", "");
        }
    }

    @Inject
    DataSource ds;

    @Test
    void refusesEveryDeliveryWith503() {
        GitLabHooks.post(GitLabHooks.PIPELINE, GitLabHooks.pipeline("gl-unset/api", 882001, "success",
                "2026-11-10 09:00:00 UTC")).then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503)).body("type", containsString("webhook-not-configured"))
                .body("detail", containsString("GITLAB_WEBHOOK_SECRET"));
        GitLabHooks.post(GitLabHooks.MR, GitLabHooks.mergeRequest("gl-unset/api", "open", 882002, 1, 741,
                "2026-11-10 09:00:00 UTC", "2026-11-10 09:00:00 UTC")).then().statusCode(503);
        assertEquals(List.of(), GitLabHooks.rows(ds, "SELECT run_id FROM gh_workflow_run WHERE repo = 'gl-unset/api'"));
        assertEquals(List.of(), GitLabHooks.rows(ds, "SELECT id FROM gh_pull_request WHERE repo = 'gl-unset/api'"));
    }
}
