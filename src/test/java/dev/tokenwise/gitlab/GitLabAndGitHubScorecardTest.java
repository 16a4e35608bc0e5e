package dev.tokenwise.gitlab;

import static dev.tokenwise.gitlab.GitLabHooks.DEPLOYMENT;
import static dev.tokenwise.gitlab.GitLabHooks.JOB;
import static dev.tokenwise.gitlab.GitLabHooks.MR;
import static dev.tokenwise.gitlab.GitLabHooks.NOTE;
import static dev.tokenwise.gitlab.GitLabHooks.PIPELINE;
import static dev.tokenwise.gitlab.GitLabHooks.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One team with a GitHub repository and a GitLab project in a subgroup: its scorecard counts both. Week Mon 9 Nov 2026
 * to Mon 16 Nov 2026, team in UTC.
 *
 * <pre>
 * merged: GitHub G1 (alice), G2 (bob); GitLab L1 (user 751), L2 (user 753)            → merged_prs 4, 4 authors
 * review wait: G1 2 h (bob's review); L1 4 h (note by 752); L2 6 h (approval by 752 from leaving draft at 10:00);
 *   G2 none                                                                            → median 4
 * production deployments: GitHub 1 success; GitLab 1 success, 1 failed; canceled and staging not counted
 *                                                                                      → 2, change failure rate 1/3
 * runs: GitHub 1 (attempt 1); GitLab pipelines P1, P2, and P2 re-run by a retried job  → rerun ratio 1/4
 * </pre>
 */
@QuarkusTest
class GitLabAndGitHubScorecardTest {

    static final String TEAM = "gl-mixed";
    static final String GITHUB = "glmix-org/web";
    static final String GITLAB = "glmix/platform/payments-api";

    @Test
    void aTeamsScorecardCountsItsGitHubAndGitLabRepositories() throws Exception {
        Api.team(TEAM, "{\"timezone\":\"UTC\"}");
        Api.repo(GITHUB, TEAM);
        Api.repo(GITLAB, TEAM);

        // GitHub
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-opened", "opened", GITHUB, 950001, 1,
                "alice", "Add caching", "2026-11-09T09:00:00Z", "2026-11-09T09:00:00Z", null, null)).then()
                .statusCode(202);
        GitHubHooks.post("pull_request_review", review(951001, "bob", "2026-11-09T11:00:00Z", 950001, 1, "alice"))
                .then().statusCode(202);
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-closed-merged", "closed", GITHUB,
                950001, 1, "alice", "Add caching", "2026-11-09T09:00:00Z", "2026-11-10T09:00:00Z",
                "2026-11-10T09:00:00Z", "a1a1a1a1")).then().statusCode(202);
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-closed-merged", "closed", GITHUB,
                950002, 2, "bob", "Add search", "2026-11-10T09:00:00Z", "2026-11-11T09:00:00Z",
                "2026-11-11T09:00:00Z", "b2b2b2b2")).then().statusCode(202);
        ObjectNode deployment = GitHubHooks.fixture("deployment_status");
        GitHubHooks.repo(deployment, GITHUB);
        ((ObjectNode) deployment.get("deployment_status")).put("id", 952001).put("state", "success")
                .put("environment", "production").put("created_at", "2026-11-10T12:00:00Z")
                .put("updated_at", "2026-11-10T12:00:00Z");
        ((ObjectNode) deployment.get("deployment")).put("environment", "production");
        GitHubHooks.post("deployment_status", deployment).then().statusCode(202);
        ObjectNode run = GitHubHooks.fixture("workflow_run-completed");
        GitHubHooks.repo(run, GITHUB);
        ((ObjectNode) run.get("workflow_run")).put("id", 953001).put("run_attempt", 1).put("conclusion", "success")
                .put("updated_at", "2026-11-10T12:00:00Z");
        GitHubHooks.post("workflow_run", run).then().statusCode(202);

        // GitLab
        GitLabHooks.post(MR, GitLabHooks.mergeRequest(GITLAB, "open", 950301, 1, 751, "2026-11-10 09:00:00 UTC",
                "2026-11-10 09:00:00 UTC")).then().statusCode(202);
        GitLabHooks.post(NOTE, GitLabHooks.note(GITLAB, 954001, 752, "2026-11-10 13:00:00 UTC", 950301, 1, 751))
                .then().statusCode(202);
        GitLabHooks.post(MR, GitLabHooks.merged(GITLAB, 950301, 1, 751, "2026-11-10 09:00:00 UTC",
                "2026-11-12 09:00:00 UTC", "c3c3c3c3")).then().statusCode(202);
        ObjectNode draft = GitLabHooks.mergeRequest(GITLAB, "open", 950302, 2, 753, "2026-11-11 09:00:00 UTC",
                "2026-11-11 09:00:00 UTC");
        attrs(draft).put("draft", true);
        GitLabHooks.post(MR, draft).then().statusCode(202);
        ObjectNode ready = GitLabHooks.mergeRequest(GITLAB, "update", 950302, 2, 753, "2026-11-11 09:00:00 UTC",
                "2026-11-11T10:00:00Z");
        ready.putObject("changes").putObject("draft").put("previous", true).put("current", false);
        GitLabHooks.post(MR, ready).then().statusCode(202);
        GitLabHooks.post(MR, GitLabHooks.actor(GitLabHooks.mergeRequest(GITLAB, "approved", 950302, 2, 753,
                "2026-11-11 09:00:00 UTC", "2026-11-11 16:00:00 UTC"), 752)).then().statusCode(202);
        GitLabHooks.post(MR, GitLabHooks.merged(GITLAB, 950302, 2, 753, "2026-11-11 09:00:00 UTC",
                "2026-11-12 10:00:00 UTC", "d4d4d4d4")).then().statusCode(202);
        GitLabHooks.post(DEPLOYMENT, GitLabHooks.deployment(GITLAB, 955001, "success", "production",
                "2026-11-12 11:00:00 UTC")).then().statusCode(202);
        GitLabHooks.post(DEPLOYMENT, GitLabHooks.deployment(GITLAB, 955002, "failed", "production",
                "2026-11-12 13:00:00 +0100")).then().statusCode(202);
        GitLabHooks.post(DEPLOYMENT, GitLabHooks.deployment(GITLAB, 955003, "canceled", "production",
                "2026-11-12 13:00:00 UTC")).then().statusCode(202);
        GitLabHooks.post(DEPLOYMENT, GitLabHooks.deployment(GITLAB, 955004, "success", "staging",
                "2026-11-12 13:00:00 UTC")).then().statusCode(202);
        GitLabHooks.post(PIPELINE, GitLabHooks.pipeline(GITLAB, 956001, "success", "2026-11-12 11:00:00 UTC"))
                .then().statusCode(202);
        GitLabHooks.post(PIPELINE, GitLabHooks.pipeline(GITLAB, 956002, "failed", "2026-11-12 12:00:00 UTC"))
                .then().statusCode(202);
        GitLabHooks.post(JOB, GitLabHooks.job(GITLAB, 956002, 1, "success", "2026-11-12 12:30:00 UTC")).then()
                .statusCode(202);

        JsonNode card = GitLabHooks.JSON.readTree(Api.reader()
                .get("/api/teams/" + TEAM + "/scorecard?from=2026-11-09&to=2026-11-16").then().statusCode(200)
                .extract().asString());
        assertFalse(card.get("withheld").booleanValue(), card.toString());
        JsonNode d = card.get("delivery");
        assertEquals(4, d.get("merged_prs").intValue());
        assertEquals(4.0, d.get("review_wait_hours").get("median").doubleValue(), 1e-9);
        assertEquals(2, d.get("deployments").intValue());
        assertEquals(1.0 / 3, d.get("change_failure_rate").doubleValue(), 1e-4);
        assertEquals(0.25, d.get("rerun_ratio").doubleValue(), 1e-9);
    }

    private static ObjectNode review(long reviewId, String reviewer, String submittedAt, long prId, int number,
            String author) {
        ObjectNode p = GitHubHooks.fixture("pull_request_review-submitted");
        GitHubHooks.repo(p, GITHUB);
        ObjectNode review = (ObjectNode) p.get("review");
        review.put("id", reviewId).put("submitted_at", submittedAt).put("state", "approved");
        ((ObjectNode) review.get("user")).put("login", reviewer);
        GitHubHooks.setPr((ObjectNode) p.get("pull_request"), prId, number, author, "Add caching",
                "2026-11-09T09:00:00Z", submittedAt, null, null);
        return p;
    }
}
