package dev.tokenwise.gitlab;

import static dev.tokenwise.gitlab.GitLabHooks.DEPLOYMENT;
import static dev.tokenwise.gitlab.GitLabHooks.ISSUE;
import static dev.tokenwise.gitlab.GitLabHooks.JOB;
import static dev.tokenwise.gitlab.GitLabHooks.MR;
import static dev.tokenwise.gitlab.GitLabHooks.NOTE;
import static dev.tokenwise.gitlab.GitLabHooks.PIPELINE;
import static dev.tokenwise.gitlab.GitLabHooks.PUSH;
import static dev.tokenwise.gitlab.GitLabHooks.attrs;
import static dev.tokenwise.gitlab.GitLabHooks.fixture;
import static dev.tokenwise.gitlab.GitLabHooks.post;
import static dev.tokenwise.gitlab.GitLabHooks.project;
import static dev.tokenwise.gitlab.GitLabHooks.rows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.common.privacy.Pseudonymizer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /webhooks/gitlab} on the real payloads of payloads/gitlab/ (see SOURCES.md there): every hook's stored
 * record by exact values, GitLab ids negated, GitLab's time forms, the token, deduplication by event UUID, and
 * deliveries in any order. The fixtures' projects are mapped to no team ({@code unassigned}) unless a test maps one.
 */
@QuarkusTest
class GitLabWebhookTest {

    static final String PR_COLUMNS = "SELECT id, repo, pr_number, team_id, author, created_at, ready_at, merged_at, "
            + "merge_commit_sha, is_revert, first_review_at, state_at, head_ref, head_sha FROM gh_pull_request ";

    @Inject
    DataSource ds;

    @Inject
    Pseudonymizer pseudonyms;

    private String person(long gitlabUserId) {
        return pseudonyms.pseudonym("gitlab-user:" + gitlabUserId);
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    // --- Merge Request Hook -------------------------------------------------------------------------------------

    @Test
    void openMergeRequestFromTheRealPayload() {
        post(MR, fixture("merge_request")).then().statusCode(202).body("status", equalTo("stored"))
                .body("event", equalTo(MR));
        assertEquals(List.of(row("-99", "gitlabhq/gitlab-test", "1", "unassigned", person(51),
                "2013-12-03T17:23:34Z", null, null, null, "false", null, "2013-12-03T17:23:34Z", "ms-viewport",
                "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")), rows(ds, PR_COLUMNS + "WHERE id = -99"));
        assertEquals(List.of(row("api")), rows(ds, "SELECT name FROM gh_label WHERE item_kind = 'pr' AND item_id = -99"));
        assertEquals(List.of(row("da1560886d4f094c3e6c9ef40349f7d38b5d27d7")),
                rows(ds, "SELECT sha FROM pr_commit WHERE pull_request_id = -99"));
    }

    /**
     * group_merge_request.json carries most of its keys with a trailing space upstream ({@code "iid "}): as it is, it
     * lacks iid and updated_at and is refused, leaving no trace, so the same delivery fixed is then taken.
     */
    @Test
    void mergedMergeRequestFromTheGroupHookPayload() {
        String uuid = UUID.randomUUID().toString();
        post(MR, uuid, fixture("group_merge_request")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("object_attributes"));
        assertEquals(List.of(), rows(ds, PR_COLUMNS + "WHERE id = -15917"));

        ObjectNode fixed = fixture("group_merge_request");
        fixed.set("object_attributes", trimmed(attrs(fixed)));
        post(MR, uuid, fixed).then().statusCode(202).body("status", equalTo("stored"));
        // No merged_at in the payload: the merge delivery's updated_at is the merge time.
        assertEquals(List.of(row("-15917", "exm-namespace/example-project", "1402", "unassigned", person(15),
                "2016-12-01T13:11:10Z", null, "2016-12-01T13:21:20Z", "ac3ca1559bc39abf963586372eff7f8fdded646e",
                "false", null, "2016-12-01T13:21:20Z", "source-branch-test",
                "61b6a0d35dbaf915760233b637622e383d3cc9ec")), rows(ds, PR_COLUMNS + "WHERE id = -15917"));
        assertEquals(List.of(row("61b6a0d35dbaf915760233b637622e383d3cc9ec"),
                row("ac3ca1559bc39abf963586372eff7f8fdded646e")),
                rows(ds, "SELECT sha FROM pr_commit WHERE pull_request_id = -15917 ORDER BY sha"));
    }

    private static ObjectNode trimmed(ObjectNode node) {
        ObjectNode out = GitLabHooks.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            out.set(f.getKey().trim(), v.isTextual() ? GitLabHooks.JSON.getNodeFactory().textNode(v.asText().trim()) : v);
        }
        return out;
    }

    @Test
    void aMergeRequestThatLeavesDraftIsReadyThenAndAnApprovalIsAReview() {
        String path = "gl-draft/api";
        ObjectNode open = GitLabHooks.mergeRequest(path, "open", 880201, 3, 701, "2026-11-10 09:00:00 UTC",
                "2026-11-10 09:00:00 UTC");
        attrs(open).put("draft", true);
        ObjectNode ready = GitLabHooks.mergeRequest(path, "update", 880201, 3, 701, "2026-11-10 09:00:00 UTC",
                "2026-11-10T10:30:00+01:00");
        ready.putObject("changes").putObject("draft").put("previous", true).put("current", false);
        ObjectNode ownApproval = GitLabHooks.actor(GitLabHooks.mergeRequest(path, "approved", 880201, 3, 701,
                "2026-11-10 09:00:00 UTC", "2026-11-10 09:45:00 UTC"), 701);
        ObjectNode approval = GitLabHooks.actor(GitLabHooks.mergeRequest(path, "approved", 880201, 3, 701,
                "2026-11-10 09:00:00 UTC", "2026-11-10 12:00:00 UTC"), 702);
        // User 703's approval, then the approvals completed by the same user: one review.
        ObjectNode oneOfSeveral = GitLabHooks.actor(GitLabHooks.mergeRequest(path, "approval", 880201, 3, 701,
                "2026-11-10 09:00:00 UTC", "2026-11-10 12:30:00 UTC"), 703);
        ObjectNode completing = GitLabHooks.actor(GitLabHooks.mergeRequest(path, "approved", 880201, 3, 701,
                "2026-11-10 09:00:00 UTC", "2026-11-10 12:45:00 UTC"), 703);
        for (ObjectNode p : List.of(open, ready, ownApproval, approval, oneOfSeveral, completing)) {
            post(MR, p).then().statusCode(202).body("status", equalTo("stored"));
        }
        assertEquals(List.of(row("-880201", path, "3", "unassigned", person(701), "2026-11-10T09:00:00Z",
                "2026-11-10T09:30:00Z", null, null, "false", "2026-11-10T12:00:00Z", "2026-11-10T12:45:00Z",
                "feature-3", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")), rows(ds, PR_COLUMNS + "WHERE id = -880201"));
        // The author's own approval is no review.
        assertEquals(List.of(row(person(702), "2026-11-10T12:00:00Z"), row(person(703), "2026-11-10T12:30:00Z")),
                rows(ds, "SELECT reviewer, submitted_at FROM gh_review WHERE pull_request_id = -880201 "
                        + "ORDER BY submitted_at"));
    }

    /**
     * The same merge request's deliveries in order and scrambled (merge first, approval before open), with a
     * redelivery and the merge again from a second hook: the same record.
     */
    @Test
    void deliveriesInAnyOrderAndRedeliveredGiveTheSameRecord() {
        String path = "gl-order/api";
        for (long id : new long[] { 880301, 880302 }) {
            List<ObjectNode> inOrder = new ArrayList<>();
            inOrder.add(GitLabHooks.mergeRequest(path, "open", id, (int) (id - 880000), 711,
                    "2026-11-10 09:00:00 UTC", "2026-11-10 09:00:00 UTC", "bug"));
            inOrder.add(GitLabHooks.actor(GitLabHooks.mergeRequest(path, "approved", id, (int) (id - 880000), 711,
                    "2026-11-10 09:00:00 UTC", "2026-11-10 13:00:00 UTC", "bug"), 712));
            inOrder.add(GitLabHooks.mergeRequest(path, "update", id, (int) (id - 880000), 711,
                    "2026-11-10 09:00:00 UTC", "2026-11-10 14:00:00 UTC", "ai-assisted"));
            inOrder.add(GitLabHooks.merged(path, id, (int) (id - 880000), 711, "2026-11-10 09:00:00 UTC",
                    "2026-11-10 15:00:00 UTC", "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00", "ai-assisted"));
            List<ObjectNode> sent = new ArrayList<>(inOrder);
            if (id == 880302) {
                sent = List.of(inOrder.get(3), inOrder.get(1), inOrder.get(0), inOrder.get(2));
            }
            List<String> uuids = new ArrayList<>();
            for (ObjectNode p : sent) {
                String uuid = UUID.randomUUID().toString();
                uuids.add(uuid);
                post(MR, uuid, p).then().statusCode(202).body("status", equalTo("stored"));
            }
            post(MR, uuids.get(1), sent.get(1)).then().statusCode(202).body("status", equalTo("duplicate"));
            post(MR, sent.get(0)).then().statusCode(202).body("status", equalTo("stored"));
        }
        List<List<String>> both = rows(ds, "SELECT pr_number, author, created_at, ready_at, merged_at, "
                + "merge_commit_sha, first_review_at, state_at FROM gh_pull_request WHERE repo = ? ORDER BY id DESC",
                path);
        List<String> expected = row(person(711), "2026-11-10T09:00:00Z", null, "2026-11-10T15:00:00Z",
                "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00", "2026-11-10T13:00:00Z", "2026-11-10T15:00:00Z");
        List<String> first = new ArrayList<>(List.of("301"));
        first.addAll(expected);
        List<String> second = new ArrayList<>(List.of("302"));
        second.addAll(expected);
        assertEquals(List.of(first, second), both);
        assertEquals(List.of(row("-880301", "ai-assisted"), row("-880302", "ai-assisted")),
                rows(ds, "SELECT item_id, name FROM gh_label WHERE item_kind = 'pr' AND item_id IN (-880301, -880302) "
                        + "ORDER BY item_id DESC"));
        assertEquals(List.of(row("2")), rows(ds, "SELECT COUNT(*) FROM gh_review WHERE pull_request_id IN "
                + "(-880301, -880302)"));
    }

    // --- Note Hook --------------------------------------------------------------------------------------------

    @Test
    void aNoteByAnotherUserIsAReviewOfItsMergeRequest() {
        post(NOTE, fixture("note_merge_request")).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("-1244", "-7", person(1), "2015-05-17T18:21:36Z")),
                rows(ds, "SELECT id, pull_request_id, reviewer, submitted_at FROM gh_review WHERE id = -1244"));
        // The merge request arrives after its note: its first review is the note.
        post(MR, GitLabHooks.mergeRequest("gitlab-org/gitlab-test", "open", 7, 1, 8, "2015-03-01 20:12:53 UTC",
                "2015-03-21 18:27:27 UTC")).then().statusCode(202);
        assertEquals(List.of(row(person(8), "2015-05-17T18:21:36Z")),
                rows(ds, "SELECT author, first_review_at FROM gh_pull_request WHERE id = -7"));

        // The author's own note and a system note are not reviews; a note after the MR updates its first review.
        post(NOTE, GitLabHooks.note("gl-notes/api", 880401, 721, "2026-11-10 10:00:00 UTC", 880400, 4, 721))
                .then().statusCode(202).body("status", equalTo("ignored"));
        ObjectNode system = GitLabHooks.note("gl-notes/api", 880402, 722, "2026-11-10 10:30:00 UTC", 880400, 4, 721);
        attrs(system).put("system", true);
        post(NOTE, system).then().statusCode(202).body("status", equalTo("ignored"));
        post(MR, GitLabHooks.mergeRequest("gl-notes/api", "open", 880400, 4, 721, "2026-11-10 09:00:00 UTC",
                "2026-11-10 09:00:00 UTC")).then().statusCode(202);
        post(NOTE, GitLabHooks.note("gl-notes/api", 880403, 722, "2026-11-10 11:00:00 UTC", 880400, 4, 721))
                .then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("2026-11-10T11:00:00Z")),
                rows(ds, "SELECT first_review_at FROM gh_pull_request WHERE id = -880400"));
        assertEquals(List.of(row("-880403")), rows(ds, "SELECT id FROM gh_review WHERE pull_request_id = -880400"));
    }

    // --- Pipeline, Job, Deployment Hooks ------------------------------------------------------------------------

    @Test
    void finishedPipelineFromTheRealPayload() {
        post(PIPELINE, fixture("pipeline")).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("-31", "1", "gitlab-org/gitlab-test", "unassigned", "success",
                "2016-08-12T15:26:29Z")), rows(ds,
                        "SELECT run_id, run_attempt, repo, team_id, conclusion, "
                                + "completed_at FROM gh_workflow_run WHERE run_id = -31"));
        ObjectNode running = fixture("pipeline");
        attrs(running).put("id", 880501).put("status", "running");
        post(PIPELINE, running).then().statusCode(202).body("status", equalTo("ignored"));
        post(PIPELINE, GitLabHooks.pipeline("gl-runs/api", 880502, "failed", "2026-11-10T10:00:00Z"))
                .then().statusCode(202);
        post(PIPELINE, GitLabHooks.pipeline("gl-runs/api", 880503, "canceled", "2026-11-10 11:00:00 UTC"))
                .then().statusCode(202);
        assertEquals(List.of(row("-880502", "failure", "2026-11-10T10:00:00Z"),
                row("-880503", "cancelled", "2026-11-10T11:00:00Z")),
                rows(ds, "SELECT run_id, conclusion, "
                        + "completed_at FROM gh_workflow_run WHERE repo = 'gl-runs/api' ORDER BY run_id DESC"));
        assertEquals(List.of(), rows(ds, "SELECT run_id FROM gh_workflow_run WHERE run_id = -880501"));
    }

    @Test
    void aRetriedJobMarksItsPipelineAsReRun() {
        post(JOB, fixture("job")).then().statusCode(202).body("status", equalTo("stored"));
        // job.json has no project object: the project is the path of repository.homepage.
        assertEquals(List.of(row("-743121198", "2", "jsmithy2/release-tools-fake", "unassigned", "success",
                "2023-01-10T13:50:54Z")), rows(ds,
                        "SELECT run_id, run_attempt, repo, team_id, conclusion, "
                                + "completed_at FROM gh_workflow_run WHERE run_id = -743121198"));
        post(JOB, GitLabHooks.job("gl-jobs/api", 880601, 0, "success", "2026-11-10 10:00:00 UTC")).then()
                .statusCode(202).body("status", equalTo("ignored"));
        post(JOB, GitLabHooks.job("gl-jobs/api", 880601, 1, "running", "2026-11-10 10:00:00 UTC")).then()
                .statusCode(202).body("status", equalTo("ignored"));
        // Two retried jobs of one pipeline: one re-run.
        post(JOB, GitLabHooks.job("gl-jobs/api", 880601, 1, "failed", "2026-11-10 10:05:00 UTC")).then()
                .statusCode(202).body("status", equalTo("stored"));
        post(JOB, GitLabHooks.job("gl-jobs/api", 880601, 2, "success", "2026-11-10 10:09:00 UTC")).then()
                .statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("-880601", "2", "failure", "2026-11-10T10:05:00Z")), rows(ds, "SELECT run_id, "
                + "run_attempt, conclusion, completed_at FROM gh_workflow_run WHERE repo = 'gl-jobs/api'"));
    }

    @Test
    void deploymentFromTheRealPayload() {
        post(DEPLOYMENT, fixture("deployment")).then().statusCode(202).body("status", equalTo("stored"));
        // status_changed_at "2021-04-28 21:50:00 +0200"; the sha is the end of commit_url.
        assertEquals(List.of(row("-15", "-15", "root/test-deployment-webhooks", "unassigned", "staging", "success",
                "2021-04-28T19:50:00Z", "279484c09fbe69ededfced8c1bb6e6d24616b468")), rows(ds,
                        "SELECT id, "
                                + "deployment_id, repo, team_id, environment, state, created_at, sha FROM gh_deployment_status "
                                + "WHERE id = -15"));
        post(DEPLOYMENT, GitLabHooks.deployment("gl-deploy/api", 880701, "failed", "Production",
                "2026-11-10 10:00:00 UTC")).then().statusCode(202).body("status", equalTo("stored"));
        post(DEPLOYMENT, GitLabHooks.deployment("gl-deploy/api", 880702, "canceled", "production",
                "2026-11-10 11:00:00 UTC")).then().statusCode(202).body("status", equalTo("ignored"));
        post(DEPLOYMENT, GitLabHooks.deployment("gl-deploy/api", 880703, "running", "production",
                "2026-11-10 11:00:00 UTC")).then().statusCode(202).body("status", equalTo("ignored"));
        assertEquals(List.of(row("-880701", "production", "failure", "2026-11-10T10:00:00Z")), rows(ds, "SELECT id, "
                + "environment, state, created_at FROM gh_deployment_status WHERE repo = 'gl-deploy/api'"));
    }

    // --- Issue and Push Hooks -------------------------------------------------------------------------------------

    @Test
    void issueFromTheRealPayloadThenClosed() {
        post(ISSUE, fixture("issue")).then().statusCode(202).body("status", equalTo("stored"));
        String columns = "SELECT id, repo, issue_number, team_id, author, created_at, closed_at, state_at FROM gh_issue ";
        assertEquals(List.of(row("-301", "gitlabhq/gitlab-test", "23", "unassigned", person(51),
                "2013-12-03T17:15:43Z", null, "2013-12-03T17:15:43Z")), rows(ds, columns + "WHERE id = -301"));
        assertEquals(List.of(row("api")),
                rows(ds, "SELECT name FROM gh_label WHERE item_kind = 'issue' AND item_id = -301"));

        ObjectNode closed = project(fixture("issue"), "gl-issues/api");
        attrs(closed).put("id", 880801).put("action", "close").put("state", "closed")
                .put("updated_at", "2026-11-10 12:00:00 UTC").put("closed_at", "2026-11-10 11:59:00 UTC");
        post("Confidential Issue Hook", closed).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("-880801", "2013-12-03T17:15:43Z", "2026-11-10T11:59:00Z")),
                rows(ds, "SELECT id, created_at, closed_at FROM gh_issue WHERE repo = 'gl-issues/api'"));
    }

    @Test
    void pushFromTheRealPayloadKeepsItsCommitsNeverTheirMessages() {
        post(PUSH, fixture("push")).then().statusCode(202).body("status", equalTo("stored"));
        // No push time in GitLab's payload: the head commit's (checkout_sha) time, 2012-01-03T23:36:29+02:00.
        assertEquals(List.of(row("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "master", "unassigned",
                "2011-12-12T12:27:31Z", "2012-01-03T21:36:29Z", null),
                row("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "master", "unassigned", "2012-01-03T21:36:29Z",
                        "2012-01-03T21:36:29Z", null)),
                rows(ds, "SELECT sha, branch, team_id, committed_at, pushed_at, ai_agent FROM gh_commit "
                        + "WHERE repo = 'mike/diaspora' ORDER BY sha"));
        assertEquals(List.of(), rows(ds, "SELECT head_sha FROM gh_revert_push WHERE repo = 'mike/diaspora'"));
    }

    @Test
    void aRevertPushedToTheDefaultBranchIsARollback() {
        ObjectNode p = project(fixture("push"), "gl-revert/api");
        String sha = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1";
        ArrayNode commits = (ArrayNode) p.get("commits");
        ObjectNode revert = ((ObjectNode) commits.get(1)).deepCopy();
        revert.put("id", sha).put("timestamp", "2026-11-10T12:00:00Z").put("message",
                "Revert \"fixed readme\"\n\nThis reverts commit da1560886d4f094c3e6c9ef40349f7d38b5d27d7.\n");
        commits.add(revert);
        p.put("after", sha).put("checkout_sha", sha);
        post(PUSH, p).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row(sha, "unassigned", "2026-11-10T12:00:00Z", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")),
                rows(ds, "SELECT head_sha, team_id, pushed_at, reverts_sha FROM gh_revert_push "
                        + "WHERE repo = 'gl-revert/api'"));
        // The same revert on another branch is no rollback.
        ObjectNode branch = p.deepCopy();
        project(branch, "gl-revert/other").put("ref", "refs/heads/feature");
        post(PUSH, branch).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(), rows(ds, "SELECT head_sha FROM gh_revert_push WHERE repo = 'gl-revert/other'"));
    }

    // --- times, token, deduplication, repository paths --------------------------------------------------------

    @Test
    void timesOutsideGitLabsFormsOrYearsAreRefusedNamingTheField() {
        post(PIPELINE, GitLabHooks.pipeline("gl-times/api", 880901, "success", "10/11/2026 09:15")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("object_attributes.finished_at"));
        post(PIPELINE, GitLabHooks.pipeline("gl-times/api", 880902, "success", "1999-12-31 23:00:00 UTC")).then()
                .statusCode(400).body("errors[0].field", equalTo("object_attributes.finished_at"));
        post(PIPELINE, GitLabHooks.pipeline("gl-times/api", 880903, "success", "2026-11-10 09:15:00 UTC")).then()
                .statusCode(202);
        post(PIPELINE, GitLabHooks.pipeline("gl-times/api", 880904, "success", "2026-11-10T10:15:00.250+01:00"))
                .then().statusCode(202);
        assertEquals(List.of(row("-880903", "2026-11-10T09:15:00Z"), row("-880904", "2026-11-10T09:15:00.250Z")),
                rows(ds, "SELECT run_id, completed_at FROM gh_workflow_run WHERE repo = 'gl-times/api' "
                        + "ORDER BY run_id DESC"));
    }

    @Test
    void valuesTokenwiseCannotStoreAreRefusedNamingTheFieldAndNothingIsStored() {
        ObjectNode nul = GitLabHooks.mergeRequest("gl-hostile/api", "open", 881301, 1, 761, "2026-11-10 09:00:00 UTC",
                "2026-11-10 09:00:00 UTC", "bug\u0000");
        post(MR, nul).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("labels[0].title"));
        ObjectNode longEnv = GitLabHooks.deployment("gl-hostile/api", 881302, "success", "e".repeat(256),
                "2026-11-10 09:00:00 UTC");
        post(DEPLOYMENT, longEnv).then().statusCode(400).body("errors[0].field", equalTo("environment"));
        ObjectNode badSha = GitLabHooks.deployment("gl-hostile/api", 881303, "success", "production",
                "2026-11-10 09:00:00 UTC");
        badSha.put("commit_url", "http://example.com/-/commit/not-a-sha!");
        post(DEPLOYMENT, badSha).then().statusCode(400).body("errors[0].field", equalTo("commit_url"));
        ObjectNode negative = GitLabHooks.pipeline("gl-hostile/api", -5, "success", "2026-11-10 09:00:00 UTC");
        post(PIPELINE, negative).then().statusCode(400).body("errors[0].field", equalTo("object_attributes.id"));
        given().header("X-Gitlab-Event", PIPELINE).header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
                .header("X-Gitlab-Token", GitLabHooks.TOKEN).contentType("application/json")
                .body("{\"object_kind\":\"pipeline\"} {}").post("/webhooks/gitlab").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(List.of(), rows(ds, "SELECT id FROM gh_pull_request WHERE repo = 'gl-hostile/api'"));
        assertEquals(List.of(), rows(ds, "SELECT id FROM gh_deployment_status WHERE repo = 'gl-hostile/api'"));
        assertEquals(List.of(), rows(ds, "SELECT run_id FROM gh_workflow_run WHERE repo = 'gl-hostile/api'"));
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAndNothingIsStored() {
        ObjectNode p = GitLabHooks.pipeline("gl-token/api", 881001, "success", "2026-11-10 09:00:00 UTC");
        String uuid = UUID.randomUUID().toString();
        given().header("X-Gitlab-Event", PIPELINE).header("X-Gitlab-Event-UUID", uuid)
                .header("X-Gitlab-Token", "not-the-secret").contentType("application/json")
                .body(GitLabHooks.bytes(p)).post("/webhooks/gitlab").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", containsString("X-Gitlab-Token"));
        given().header("X-Gitlab-Event", PIPELINE).header("X-Gitlab-Event-UUID", uuid)
                .contentType("application/json").body(GitLabHooks.bytes(p)).post("/webhooks/gitlab").then()
                .statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("no X-Gitlab-Token"));
        assertEquals(List.of(), rows(ds, "SELECT run_id FROM gh_workflow_run WHERE repo = 'gl-token/api'"));
        // The refused deliveries left no trace: the same UUID with the right token is taken.
        post(PIPELINE, uuid, p).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of(row("-881001")), rows(ds, "SELECT run_id FROM gh_workflow_run WHERE repo = 'gl-token/api'"));
    }

    @Test
    void deliveriesAreDeduplicatedByEventUuidOrIdempotencyKey() {
        ObjectNode p = GitLabHooks.deployment("gl-dedup/api", 881101, "success", "production",
                "2026-11-10 09:00:00 UTC");
        String uuid = UUID.randomUUID().toString();
        post(DEPLOYMENT, uuid, p).then().statusCode(202).body("status", equalTo("stored")).body("delivery",
                equalTo(uuid));
        post(DEPLOYMENT, uuid, p).then().statusCode(202).body("status", equalTo("duplicate"));
        String key = "key-" + UUID.randomUUID();
        ObjectNode other = GitLabHooks.deployment("gl-dedup/api", 881102, "success", "production",
                "2026-11-10 10:00:00 UTC");
        for (String expected : List.of("stored", "duplicate")) {
            given().header("X-Gitlab-Event", DEPLOYMENT).header("Idempotency-Key", key)
                    .header("X-Gitlab-Token", GitLabHooks.TOKEN).contentType("application/json")
                    .body(GitLabHooks.bytes(other)).post("/webhooks/gitlab").then().statusCode(202)
                    .body("status", equalTo(expected)).body("delivery", equalTo(key));
        }
        given().header("X-Gitlab-Event", DEPLOYMENT).header("X-Gitlab-Token", GitLabHooks.TOKEN)
                .contentType("application/json").body(GitLabHooks.bytes(other)).post("/webhooks/gitlab").then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(List.of(row("-881101"), row("-881102")),
                rows(ds, "SELECT id FROM gh_deployment_status WHERE repo = 'gl-dedup/api' ORDER BY id DESC"));
        post("Wiki Page Hook", p).then().statusCode(202).body("status", equalTo("ignored"));
    }

    @Test
    void aNestedGroupPathIsMappedToATeam() {
        dev.tokenwise.support.Api.team("gl-nested", "{}");
        String path = "Acme/Platform/Payments-API";
        // A delivery before the mapping lands unassigned; the mapping re-attributes it.
        post(PIPELINE, GitLabHooks.pipeline(path, 881201, "success", "2026-11-10 09:00:00 UTC")).then()
                .statusCode(202);
        dev.tokenwise.support.Api.admin().body("{\"team\":\"gl-nested\"}").put("/api/admin/repos/" + path).then()
                .statusCode(200).body("repo", equalTo(path)).body("team", equalTo("gl-nested"));
        post(MR, GitLabHooks.mergeRequest(path, "open", 881202, 1, 731, "2026-11-10 09:00:00 UTC",
                "2026-11-10 09:00:00 UTC")).then().statusCode(202);
        assertEquals(List.of(row("acme/platform/payments-api", "gl-nested")),
                rows(ds, "SELECT repo, team_id FROM gh_pull_request WHERE id = -881202"));
        assertEquals(List.of(row("gl-nested")), rows(ds, "SELECT team_id FROM gh_workflow_run WHERE run_id = -881201"));

        String deep = String.join("/", java.util.Collections.nCopies(21, "g"));
        for (String bad : List.of(deep, "acme", "acme/pl%20atform/x", "acme//x")) {
            dev.tokenwise.support.Api.admin().body("{\"team\":\"gl-nested\"}").put("/api/admin/repos/" + bad).then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("repo"));
        }
        String twenty = String.join("/", java.util.Collections.nCopies(20, "g"));
        dev.tokenwise.support.Api.admin().body("{\"team\":\"gl-nested\"}").put("/api/admin/repos/" + twenty).then()
                .statusCode(200);
        post(PIPELINE, GitLabHooks.pipeline("acme/pl atform", 881203, "success", "2026-11-10 09:00:00 UTC")).then()
                .statusCode(400).body("errors[0].field", equalTo("project.path_with_namespace"));
    }
}
