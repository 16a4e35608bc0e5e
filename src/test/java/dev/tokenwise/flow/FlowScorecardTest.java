package dev.tokenwise.flow;

import static dev.tokenwise.github.GitHubHooks.fixture;
import static dev.tokenwise.github.GitHubHooks.labels;
import static dev.tokenwise.github.GitHubHooks.post;
import static dev.tokenwise.github.GitHubHooks.pullRequest;
import static dev.tokenwise.github.GitHubHooks.repo;
import static dev.tokenwise.github.GitHubHooks.setPr;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.github.GitHubSignature;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real GitHub payloads (adapted per scenario) through the signed webhook, then every delivery and quality figure
 * of the scorecard checked against values worked out by hand. Teams are Europe/Berlin (UTC+1 in November; CEST
 * UTC+2 until 25 Oct 2026 01:00Z), working hours 09:00-18:00. Times below are UTC unless marked local.
 */
@QuarkusTest
class FlowScorecardTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    DataSource ds;

    @Inject
    MutableClock clock;

    /**
     * Week Mon 9 Nov 2026 00:00 local (8 Nov 23:00Z) to Mon 16 Nov 00:00 local (15 Nov 23:00Z).
     *
     * <pre>
     * merged in the week: A (alice, 24 h, label ai-assisted), B (bob, 48 h), C (carol, 240 h, label added and
     *   removed before merge), D (alice, 2 h, 'Revert "…"', referenced by a usage event), E (dave, 2 h, merged
     *   Sunday 23:30 local). F merged Monday 00:30 local (next week), G closed unmerged.
     *   → merged 5, AI share 2/5 = 0.4, cycle 2,2,24,48,240 → median 24, p90 (rank 5) 240; contributors 4 ≥ 3.
     * review wait, first review by another person in the week: A 2 h, B 4 h (from ready_for_review, not the
     *   author's own earlier review), D 1 h, H 72 h (unmerged, created the week before) → median (2+4)/2 = 3.
     * deployments: 2 production successes (one sent by two hooks), 1 failure, 1 error; staging, in_progress and
     *   outside the week ignored → deployments 2, change failure rate 2/4 = 0.5.
     * rollbacks: D + a revert push to main; the push of D's merge commit and a revert on a feature branch do not
     *   count → 2.
     * runs completed in the week: 960001#1, 960001#2 (twice), 960002#1, 960003#1 → rerun ratio 1/4 = 0.25.
     * issues opened in the week: I1 bug, I2 defect (labeled before opened arrived) → escaped defects 2; incidents
     *   I3 (Sat, 4 h), I4 (Wed 19:30 local, 10 h), I5 (closed then reopened: open), I7 (Mon 08:30 local, 2 h),
     *   I8 (Fri 18:00 local, open), I9 (Tue 09:00 local, open) → 6 incidents, time to restore 2,4,10 → 4,
     *   after hours I3, I4, I7, I8 → 4. I6 (bug) was opened the week before.
     * </pre>
     */
    @Test
    void everyDeliveryAndQualityFigureOfAWeek() throws Exception {
        Api.team("dlv-week", "{\"timezone\":\"Europe/Berlin\"}");
        Api.repo("dlv-org/api", "dlv-week");
        String r = "dlv-org/api";

        // PR A: opened through the organisation hook and the repository hook (two delivery ids), plus a redelivery.
        ObjectNode aOpened = pullRequest("pull_request-opened", "opened", r, 930001, 1, "alice", "Add caching",
                "2026-11-09T09:00:00Z", "2026-11-09T09:00:00Z", null, null);
        String aDelivery = UUID.randomUUID().toString();
        post("pull_request", aDelivery, aOpened).then().statusCode(202).body("status", equalTo("stored"));
        post("pull_request", aDelivery, aOpened).then().statusCode(202).body("status", equalTo("duplicate"));
        post("pull_request", aOpened).then().statusCode(202).body("status", equalTo("stored"));
        ObjectNode aLabeled = pullRequest("pull_request-labeled", "labeled", r, 930001, 1, "alice", "Add caching",
                "2026-11-09T09:00:00Z", "2026-11-09T09:05:00Z", null, null, "AI-Assisted");
        ((ObjectNode) aLabeled.get("label")).put("name", "AI-Assisted");
        post("pull_request", aLabeled).then().statusCode(202);
        post("pull_request_review", review(r, 940001, "bob", "2026-11-09T11:00:00Z", 930001, 1, "alice",
                "Add caching", "2026-11-09T09:00:00Z", null, "ai-assisted")).then().statusCode(202);
        ObjectNode aMerged = pullRequest("pull_request-closed-merged", "closed", r, 930001, 1, "alice", "Add caching",
                "2026-11-09T09:00:00Z", "2026-11-10T09:00:00Z", "2026-11-10T09:00:00Z", "a1a1a1a1", "ai-assisted");
        post("pull_request", aMerged).then().statusCode(202);
        post("pull_request", aMerged).then().statusCode(202);

        // PR B: both reviews arrive before "opened"; the author's own review does not count.
        post("pull_request_review", review(r, 940002, "bob", "2026-11-10T12:00:00Z", 930002, 2, "bob", "Add search",
                "2026-11-09T10:00:00Z", null)).then().statusCode(202);
        post("pull_request_review", review(r, 940003, "alice", "2026-11-10T14:00:00Z", 930002, 2, "bob",
                "Add search", "2026-11-09T10:00:00Z", null)).then().statusCode(202);
        ObjectNode bOpened = pullRequest("pull_request-opened", "opened", r, 930002, 2, "bob", "Add search",
                "2026-11-09T10:00:00Z", "2026-11-09T10:00:00Z", null, null);
        ((ObjectNode) bOpened.get("pull_request")).put("draft", true);
        post("pull_request", bOpened).then().statusCode(202);
        post("pull_request", pullRequest("pull_request-ready_for_review", "ready_for_review", r, 930002, 2, "bob",
                "Add search", "2026-11-09T10:00:00Z", "2026-11-10T10:00:00Z", null, null)).then().statusCode(202);
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 930002, 2, "bob", "Add search",
                "2026-11-09T10:00:00Z", "2026-11-11T10:00:00Z", "2026-11-11T10:00:00Z", "b2b2b2b2"))
                .then().statusCode(202);

        // PR C: closed (merged) arrives first, then unlabeled, then the older labeled: the label stays removed.
        post("pull_request", pullRequest("pull_request-opened", "opened", r, 930003, 3, "carol", "Refactor",
                "2026-11-02T08:00:00Z", "2026-11-02T08:00:00Z", null, null)).then().statusCode(202);
        post("pull_request_review", review(r, 940004, "alice", "2026-11-03T08:00:00Z", 930003, 3, "carol",
                "Refactor", "2026-11-02T08:00:00Z", null)).then().statusCode(202);
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 930003, 3, "carol", "Refactor",
                "2026-11-02T08:00:00Z", "2026-11-12T08:00:00Z", "2026-11-12T08:00:00Z", "c3c3c3c3"))
                .then().statusCode(202);
        ObjectNode cUnlabeled = pullRequest("pull_request-labeled", "unlabeled", r, 930003, 3, "carol", "Refactor",
                "2026-11-02T08:00:00Z", "2026-11-04T10:00:00Z", null, null);
        ((ObjectNode) cUnlabeled.get("label")).put("name", "ai-assisted");
        post("pull_request", cUnlabeled).then().statusCode(202);
        ObjectNode cLabeled = pullRequest("pull_request-labeled", "labeled", r, 930003, 3, "carol", "Refactor",
                "2026-11-02T08:00:00Z", "2026-11-03T10:00:00Z", null, null, "ai-assisted");
        ((ObjectNode) cLabeled.get("label")).put("name", "ai-assisted");
        post("pull_request", cLabeled).then().statusCode(202);

        // PR D: a revert, AI-assisted through a usage event that names it; its merge commit is also pushed.
        post("pull_request", pullRequest("pull_request-opened", "opened", r, 930004, 4, "alice",
                "Revert \"Add caching\"", "2026-11-13T10:00:00Z", "2026-11-13T10:00:00Z", null, null))
                .then().statusCode(202);
        post("pull_request_review", review(r, 940005, "bob", "2026-11-13T11:00:00Z", 930004, 4, "alice",
                "Revert \"Add caching\"", "2026-11-13T10:00:00Z", null)).then().statusCode(202);
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 930004, 4, "alice",
                "Revert \"Add caching\"", "2026-11-13T10:00:00Z", "2026-11-13T12:00:00Z", "2026-11-13T12:00:00Z",
                "d4d4d4d4")).then().statusCode(202);
        usageReference(r, 4, "dlv-week");

        // PR E merged Sunday 23:30 local (in the week), PR F Monday 00:30 local (the next week).
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 930005, 5, "dave", "Docs",
                "2026-11-15T20:30:00Z", "2026-11-15T22:30:00Z", "2026-11-15T22:30:00Z", "e5e5e5e5"))
                .then().statusCode(202);
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 930006, 6, "erin", "Tests",
                "2026-11-15T21:30:00Z", "2026-11-15T23:30:00Z", "2026-11-15T23:30:00Z", "f6f6f6f6"))
                .then().statusCode(202);
        // PR G closed without merge.
        post("pull_request", pullRequest("pull_request-closed", "closed", r, 930007, 7, "bob", "Spike",
                "2026-11-11T09:00:00Z", "2026-11-11T15:00:00Z", null, null)).then().statusCode(202);
        // PR H: created the week before, first reviewed (by someone else) in the week, not merged.
        post("pull_request", pullRequest("pull_request-opened", "opened", r, 930008, 8, "carol", "Migrate",
                "2026-11-06T10:00:00Z", "2026-11-06T10:00:00Z", null, null)).then().statusCode(202);
        post("pull_request_review", review(r, 940006, "dave", "2026-11-09T10:00:00Z", 930008, 8, "carol", "Migrate",
                "2026-11-06T10:00:00Z", null)).then().statusCode(202);

        // Deployment statuses.
        ObjectNode d1 = deployment(r, 950001, "success", "production", "2026-11-10T12:00:00Z");
        post("deployment_status", d1).then().statusCode(202);
        post("deployment_status", d1).then().statusCode(202);
        post("deployment_status", deployment(r, 950002, "success", "Production", "2026-11-11T12:00:00Z"));
        post("deployment_status", deployment(r, 950003, "failure", "production", "2026-11-12T12:00:00Z"));
        post("deployment_status", deployment(r, 950004, "error", "prod", "2026-11-12T13:00:00Z"));
        post("deployment_status", deployment(r, 950005, "success", "staging", "2026-11-12T14:00:00Z"));
        post("deployment_status", deployment(r, 950006, "in_progress", "production", "2026-11-12T15:00:00Z"));
        post("deployment_status", deployment(r, 950007, "success", "production", "2026-11-16T00:00:00Z"));
        post("deployment_status", deployment(r, 950008, "failure", "production", "2026-11-08T22:30:00Z"))
                .then().statusCode(202);

        // Workflow runs.
        post("workflow_run", run("workflow_run-completed", r, 960001, 1, "failure", "2026-11-10T08:00:00Z"));
        ObjectNode rerun = run("workflow_run-completed", r, 960001, 2, "success", "2026-11-10T09:00:00Z");
        post("workflow_run", rerun).then().statusCode(202);
        post("workflow_run", rerun).then().statusCode(202);
        post("workflow_run", run("workflow_run-completed", r, 960002, 1, "success", "2026-11-11T09:00:00Z"));
        post("workflow_run", run("workflow_run-completed", r, 960003, 1, "success", "2026-11-12T09:00:00Z"));
        post("workflow_run", run("workflow_run-requested", r, 960004, 2, "action_required", "2026-11-12T10:00:00Z"))
                .then().statusCode(202).body("status", equalTo("ignored"));
        post("workflow_run", run("workflow_run-completed", r, 960005, 3, "success", "2026-11-16T08:00:00Z"));

        // Pushes to the default branch.
        post("push", push(r, "refs/heads/main", "d4d4d4d4", "Revert \"Add caching\" (#4)", "2026-11-13T12:00:05Z"))
                .then().statusCode(202);
        ObjectNode revertPush = push(r, "refs/heads/main", "e5e5e5e6",
                "Revert \"Bad config\"\n\nThis reverts commit 1234567.", "2026-11-14T09:00:00Z");
        post("push", revertPush).then().statusCode(202);
        post("push", revertPush).then().statusCode(202);
        post("push", push(r, "refs/heads/feature", "f7f7f7f7", "Revert \"Try\"", "2026-11-14T10:00:00Z"));
        post("push", push(r, "refs/heads/main", "f8f8f8f8", "feat: normal", "2026-11-14T11:00:00Z"));

        // Issues.
        post("issues", issue("issues-opened", "opened", r, 970001, 1, "2026-11-10T10:00:00Z", "2026-11-10T10:00:00Z",
                null, "bug")).then().statusCode(202);
        ObjectNode i2Labeled = issue("issues-labeled", "labeled", r, 970002, 2, "2026-11-11T08:00:00Z",
                "2026-11-11T09:00:00Z", null, "defect");
        ((ObjectNode) i2Labeled.get("label")).put("name", "defect");
        post("issues", i2Labeled).then().statusCode(202);
        post("issues", issue("issues-opened", "opened", r, 970002, 2, "2026-11-11T08:00:00Z", "2026-11-11T08:00:00Z",
                null)).then().statusCode(202);
        post("issues", issue("issues-opened", "closed", r, 970003, 3, "2026-11-14T10:00:00Z", "2026-11-14T14:00:00Z",
                "2026-11-14T14:00:00Z", "incident")).then().statusCode(202);
        post("issues", issue("issues-opened", "opened", r, 970003, 3, "2026-11-14T10:00:00Z", "2026-11-14T10:00:00Z",
                null, "incident")).then().statusCode(202);
        post("issues", issue("issues-opened", "opened", r, 970004, 4, "2026-11-11T18:30:00Z", "2026-11-11T18:30:00Z",
                null, "incident"));
        post("issues", issue("issues-opened", "closed", r, 970004, 4, "2026-11-11T18:30:00Z", "2026-11-12T04:30:00Z",
                "2026-11-12T04:30:00Z", "incident"));
        post("issues", issue("issues-opened", "opened", r, 970005, 5, "2026-11-12T10:00:00Z", "2026-11-12T10:00:00Z",
                null, "incident"));
        post("issues", issue("issues-reopened", "reopened", r, 970005, 5, "2026-11-12T10:00:00Z",
                "2026-11-12T12:00:00Z", null, "incident")).then().statusCode(202);
        post("issues", issue("issues-opened", "closed", r, 970005, 5, "2026-11-12T10:00:00Z", "2026-11-12T11:00:00Z",
                "2026-11-12T11:00:00Z", "incident")).then().statusCode(202);
        post("issues", issue("issues-opened", "opened", r, 970006, 6, "2026-11-05T10:00:00Z", "2026-11-05T10:00:00Z",
                null, "bug"));
        post("issues", issue("issues-opened", "opened", r, 970007, 7, "2026-11-09T07:30:00Z", "2026-11-09T07:30:00Z",
                null, "incident"));
        post("issues", issue("issues-opened", "closed", r, 970007, 7, "2026-11-09T07:30:00Z", "2026-11-09T09:30:00Z",
                "2026-11-09T09:30:00Z", "incident"));
        post("issues", issue("issues-opened", "opened", r, 970008, 8, "2026-11-13T17:00:00Z", "2026-11-13T17:00:00Z",
                null, "incident"));
        post("issues", issue("issues-opened", "opened", r, 970009, 9, "2026-11-10T08:00:00Z", "2026-11-10T08:00:00Z",
                null, "incident")).then().statusCode(202);

        JsonNode card = scorecard("dlv-week", "2026-11-09", "2026-11-16");
        assertShape(card);
        assertFalse(bool(card, "withheld"));
        assertNullAt(card, "withheld_reason");
        assertEquals("Europe/Berlin", text(card, "timezone"));
        JsonNode d = card.get("delivery");
        assertEquals(5, count(d, "merged_prs"));
        assertEquals(0.4, num(d, "ai_assisted_share"), 1e-9);
        assertEquals(24.0, num(d, "pr_cycle_time_hours", "median"), 1e-9);
        assertEquals(240.0, num(d, "pr_cycle_time_hours", "p90"), 1e-9);
        assertEquals(3.0, num(d, "review_wait_hours", "median"), 1e-9);
        assertEquals(2, count(d, "deployments"));
        assertEquals(0.5, num(d, "change_failure_rate"), 1e-9);
        assertEquals(2, count(d, "rollbacks"));
        assertEquals(0.25, num(d, "rerun_ratio"), 1e-9);
        JsonNode q = card.get("quality");
        assertEquals(2, count(q, "escaped_defects"));
        assertEquals(6, count(q, "incidents"));
        assertEquals(4.0, num(q, "time_to_restore_hours", "median"), 1e-9);
        assertEquals(4, count(q, "after_hours_incidents"));
        // No usage in this team: cost 0, so cost per merged PR is 0 and value per $1k undefined (null).
        assertEquals(0.0, num(card, "cost", "total_usd"), 1e-9);
        assertEquals(0.0, num(d, "cost_per_merged_pr_usd"), 1e-9);
        assertNullAt(card, "value_per_1k_usd");

        // Settings change what counts: another AI label and defect labels, without re-ingesting anything.
        Api.admin().body("{\"ai_assisted_label\":\"copilot\",\"defect_labels\":[\"defect\"],"
                + "\"production_environments\":[\"staging\"]}").put("/api/admin/settings").then().statusCode(200);
        try {
            JsonNode changed = scorecard("dlv-week", "2026-11-09", "2026-11-16");
            assertEquals(0.2, num(changed, "delivery", "ai_assisted_share"), 1e-9); // D only
            assertEquals(1, count(changed, "quality", "escaped_defects"));
            assertEquals(1, count(changed, "delivery", "deployments"));
            assertEquals(0.0, num(changed, "delivery", "change_failure_rate"), 1e-9);
        } finally {
            Api.admin().body("{\"ai_assisted_label\":\"ai-assisted\",\"defect_labels\":[\"bug\",\"defect\"],"
                    + "\"production_environments\":[\"production\",\"prod\"]}").put("/api/admin/settings")
                    .then().statusCode(200);
        }

        // The next week holds F (erin) and the late deployment/run only: 1 contributor < 3 → withheld.
        JsonNode next = scorecard("dlv-week", "2026-11-16", "2026-11-23");
        assertTrue(bool(next, "withheld"));
    }

    /**
     * DST: the week of 19 Oct 2026 ends on the night clocks go back (169 h); the week of 23 Mar 2026 contains the
     * night they go forward (167 h). Merges at 23:30 local on Sunday belong to that week; 00:30 Monday to the next.
     */
    @Test
    void weeksAcrossDaylightSavingChanges() throws Exception {
        assertEquals(Duration.ofHours(169), Period.weekOf(LocalDate.of(2026, 10, 21), BERLIN).length());
        assertEquals(Duration.ofHours(167), Period.weekOf(LocalDate.of(2026, 3, 25), BERLIN).length());
        Api.team("dlv-dst", "{\"timezone\":\"Europe/Berlin\",\"min_contributors\":1}");
        Api.repo("dlv-org/dst", "dlv-dst");
        String r = "dlv-org/dst";
        // Sunday 18 Oct 23:30 CEST → the week before.
        merged(r, 931000, 10, "dst-e", "2026-10-18T20:30:00Z", "2026-10-18T21:30:00Z");
        // Monday 19 Oct 00:30 CEST → in the week, 2 h.
        merged(r, 931003, 13, "dst-b", "2026-10-18T20:30:00Z", "2026-10-18T22:30:00Z");
        merged(r, 931004, 14, "dst-c", "2026-10-22T10:00:00Z", "2026-10-22T12:00:00Z");
        // Created Sat 12:00 CEST, merged Sun 25 Oct 23:30 CET: 36.5 h elapsed (37.5 h of wall clock minus 1).
        merged(r, 931001, 11, "dst-a", "2026-10-24T10:00:00Z", "2026-10-25T22:30:00Z");
        // Monday 26 Oct 00:30 CET → the next week.
        merged(r, 931002, 12, "dst-d", "2026-10-25T21:30:00Z", "2026-10-25T23:30:00Z");
        // Incident opened Sunday 02:30 CEST, closed 03:30 CET... i.e. 3 h later.
        post("issues", issue("issues-opened", "opened", r, 971001, 1, "2026-10-25T00:30:00Z",
                "2026-10-25T00:30:00Z", null, "incident")).then().statusCode(202);
        post("issues", issue("issues-opened", "closed", r, 971001, 1, "2026-10-25T00:30:00Z",
                "2026-10-25T03:30:00Z", "2026-10-25T03:30:00Z", "incident")).then().statusCode(202);

        JsonNode card = scorecard("dlv-dst", "2026-10-19", "2026-10-26");
        assertFalse(bool(card, "withheld"));
        JsonNode d = card.get("delivery");
        assertEquals(3, count(d, "merged_prs"));
        assertEquals(0.0, num(d, "ai_assisted_share"), 1e-9);
        assertEquals(2.0, num(d, "pr_cycle_time_hours", "median"), 1e-9);
        assertEquals(36.5, num(d, "pr_cycle_time_hours", "p90"), 1e-9);
        assertNullAt(d, "review_wait_hours", "median");
        assertEquals(0, count(d, "deployments"));
        assertNullAt(d, "change_failure_rate");
        assertEquals(0, count(d, "rollbacks"));
        assertNullAt(d, "rerun_ratio");
        JsonNode q = card.get("quality");
        assertEquals(0, count(q, "escaped_defects"));
        assertEquals(1, count(q, "incidents"));
        assertEquals(3.0, num(q, "time_to_restore_hours", "median"), 1e-9);
        assertEquals(1, count(q, "after_hours_incidents"));
        // No usage: cost 0, so value per $1k is undefined although 3 PRs were merged.
        assertEquals(0.0, num(card, "cost", "total_usd"), 1e-9);
        assertNullAt(card, "value_per_1k_usd");

        assertEquals(1, count(scorecard("dlv-dst", "2026-10-26", "2026-11-02"), "delivery", "merged_prs"));
        assertEquals(1, count(scorecard("dlv-dst", "2026-10-12", "2026-10-19"), "delivery", "merged_prs"));

        // Spring: Mon 23 Mar 00:30 CET (22 Mar 23:30Z, 1 h) and Sun 29 Mar 23:30 CEST (33.5 h) are both in the week.
        merged(r, 931010, 20, "dst-a", "2026-03-22T22:30:00Z", "2026-03-22T23:30:00Z");
        merged(r, 931011, 21, "dst-b", "2026-03-28T12:00:00Z", "2026-03-29T21:30:00Z");
        merged(r, 931012, 22, "dst-c", "2026-03-29T21:00:00Z", "2026-03-29T22:30:00Z"); // Mon 30 Mar 00:30 CEST
        JsonNode spring = scorecard("dlv-dst", "2026-03-23", "2026-03-30").get("delivery");
        assertEquals(2, count(spring, "merged_prs"));
        assertEquals(17.25, num(spring, "pr_cycle_time_hours", "median"), 1e-9);
        assertEquals(33.5, num(spring, "pr_cycle_time_hours", "p90"), 1e-9);
    }

    /**
     * Value per $1k = max(0, merged PRs − rollbacks − escaped defects) × 1000 / cost, in UTC weeks:
     *
     * <pre>
     * 9–16 Nov: merged 5 (one titled 'Revert "…"'), a revert pushed to main → rollbacks 2, an issue labelled bug
     *   → escaped defects 1; cost 5.00 + 3.00 = 8.00 → (5 − 2 − 1) × 1000 / 8 = 250; cost per merged PR 1.60.
     * 16–23 Nov: merged 1, two reverts pushed → rollbacks 2; cost 4.00 → max(0, 1 − 2 − 0) × 1000 / 4 = 0.
     * 23–30 Nov: merged 1, no cost → null.
     * </pre>
     */
    @Test
    void valuePerThousandDollarsOfCost() throws Exception {
        Api.team("dlv-value", "{\"timezone\":\"UTC\",\"min_contributors\":1}");
        Api.repo("dlv-org/value", "dlv-value");
        String r = "dlv-org/value";
        merged(r, 934001, 1, "val-a", "2026-11-09T08:00:00Z", "2026-11-09T10:00:00Z");
        merged(r, 934002, 2, "val-b", "2026-11-09T08:00:00Z", "2026-11-10T10:00:00Z");
        merged(r, 934003, 3, "val-a", "2026-11-10T08:00:00Z", "2026-11-11T10:00:00Z");
        merged(r, 934004, 4, "val-c", "2026-11-11T08:00:00Z", "2026-11-12T10:00:00Z");
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", r, 934005, 5, "val-b",
                "Revert \"Change\"", "2026-11-13T08:00:00Z", "2026-11-13T09:00:00Z", "2026-11-13T09:00:00Z",
                "v5v5v5v5")).then().statusCode(202);
        post("push", push(r, "refs/heads/main", "v6v6v6v6", "Revert \"Tune cache\"", "2026-11-14T09:00:00Z"))
                .then().statusCode(202);
        post("issues", issue("issues-opened", "opened", r, 974001, 1, "2026-11-11T10:00:00Z",
                "2026-11-11T10:00:00Z", null, "bug")).then().statusCode(202);
        merged(r, 934006, 6, "val-a", "2026-11-16T08:00:00Z", "2026-11-17T10:00:00Z");
        post("push", push(r, "refs/heads/main", "v7v7v7v7", "Revert \"A\"", "2026-11-18T09:00:00Z"))
                .then().statusCode(202);
        post("push", push(r, "refs/heads/main", "v8v8v8v8", "Revert \"B\"", "2026-11-19T09:00:00Z"))
                .then().statusCode(202);
        merged(r, 934007, 7, "val-c", "2026-11-23T08:00:00Z", "2026-11-24T10:00:00Z");
        clock.set("2026-11-29T12:00:00Z");
        try {
            Api.ingest().contentType("application/json").body("["
                    + "{\"id\":\"dlv-value-1\",\"timestamp\":\"2026-11-10T10:00:00Z\",\"team\":\"dlv-value\","
                    + "\"model\":\"claude-sonnet-4-5\",\"cost_usd\":5},"
                    + "{\"id\":\"dlv-value-2\",\"timestamp\":\"2026-11-15T23:00:00Z\",\"team\":\"dlv-value\","
                    + "\"model\":\"claude-sonnet-4-5\",\"cost_usd\":3},"
                    + "{\"id\":\"dlv-value-3\",\"timestamp\":\"2026-11-17T10:00:00Z\",\"team\":\"dlv-value\","
                    + "\"model\":\"claude-sonnet-4-5\",\"cost_usd\":4}]")
                    .post("/ingest/usage").then().statusCode(202).body("accepted", equalTo(3));
        } finally {
            clock.reset();
        }

        JsonNode first = scorecard("dlv-value", "2026-11-09", "2026-11-16");
        assertShape(first);
        assertFalse(bool(first, "withheld"));
        assertEquals(8.0, num(first, "cost", "total_usd"), 1e-9);
        assertEquals(5, count(first, "delivery", "merged_prs"));
        assertEquals(2, count(first, "delivery", "rollbacks"));
        assertEquals(1, count(first, "quality", "escaped_defects"));
        assertEquals(1.6, num(first, "delivery", "cost_per_merged_pr_usd"), 1e-9);
        assertEquals(250.0, num(first, "value_per_1k_usd"), 1e-9);

        JsonNode second = scorecard("dlv-value", "2026-11-16", "2026-11-23");
        assertEquals(4.0, num(second, "cost", "total_usd"), 1e-9);
        assertEquals(1, count(second, "delivery", "merged_prs"));
        assertEquals(2, count(second, "delivery", "rollbacks"));
        assertEquals(0, count(second, "quality", "escaped_defects"));
        assertEquals(0.0, num(second, "value_per_1k_usd"), 1e-9);

        JsonNode third = scorecard("dlv-value", "2026-11-23", "2026-11-30");
        assertShape(third);
        assertEquals(0.0, num(third, "cost", "total_usd"), 1e-9);
        assertEquals(1, count(third, "delivery", "merged_prs"));
        assertNullAt(third, "value_per_1k_usd");
    }

    /** Bad and missing signatures are refused and store nothing; the withheld answer when 1 ≤ contributors < 3. */
    @Test
    void refusesUnsignedDeliveriesAndWithholdsSmallTeams() throws Exception {
        Api.team("dlv-sig", "{\"timezone\":\"Europe/Berlin\"}");
        Api.repo("dlv-org/sig", "dlv-sig");
        ObjectNode pr = pullRequest("pull_request-closed-merged", "closed", "dlv-org/sig", 932001, 1, "sig-a", "Fix",
                "2026-11-10T08:00:00Z", "2026-11-10T10:00:00Z", "2026-11-10T10:00:00Z", "5151");
        byte[] body = GitHubHooks.bytes(pr);
        String delivery = UUID.randomUUID().toString();
        given().header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new GitHubSignature("wrong-secret").sign(body))
                .contentType("application/json").body(body).post("/webhooks/github")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("does not match"));
        given().header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
                .contentType("application/json").body(body).post("/webhooks/github")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("X-Hub-Signature-256"));
        // A body altered after signing.
        byte[] altered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("sig-a", "sig-b")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new GitHubSignature(GitHubHooks.SECRET).sign(body))
                .contentType("application/json").body(altered).post("/webhooks/github").then().statusCode(401);

        JsonNode empty = scorecard("dlv-sig", "2026-11-09", "2026-11-16");
        assertFalse(bool(empty, "withheld"));
        assertEquals(0, count(empty, "delivery", "merged_prs"));

        // The same delivery id, now signed: it was never recorded, so it is stored (not a duplicate).
        post("pull_request", delivery, pr).then().statusCode(202).body("status", equalTo("stored"));
        JsonNode withheld = scorecard("dlv-sig", "2026-11-09", "2026-11-16");
        assertTrue(bool(withheld, "withheld"));
        assertEquals("Fewer than 3 people contributed in this period, so team figures would describe individuals. "
                + "Tokenwise shows team-level figures only.", text(withheld, "withheld_reason"));
        // Every member of the shape is there; the sections and the value are null.
        assertEquals(new TreeSet<>(CARD), names(withheld));
        assertNullAt(withheld, "cost");
        assertNullAt(withheld, "delivery");
        assertNullAt(withheld, "quality");
        assertNullAt(withheld, "ai_impact");
        assertNullAt(withheld, "agent_errors");
        assertNullAt(withheld, "value_per_1k_usd");
    }

    /** ping, unused events, malformed JSON and unmapped repositories attributed once mapped. */
    @Test
    void pingOtherEventsAndLateRepositoryMapping() throws Exception {
        post("ping", fixture("ping")).then().statusCode(202).body("status", equalTo("stored"));
        post("check_suite", fixture("check_suite-completed")).then().statusCode(202)
                .body("status", equalTo("ignored"));
        byte[] junk = "{\"action\": \"opened\", ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new GitHubSignature(GitHubHooks.SECRET).sign(junk))
                .contentType("application/json").body(junk).post("/webhooks/github")
                .then().statusCode(400).contentType("application/problem+json");
        ObjectNode noId = pullRequest("pull_request-opened", "opened", "dlv-org/late", 933009, 9, "late-a", "X",
                "2026-11-10T08:00:00Z", "2026-11-10T08:00:00Z", null, null);
        ((ObjectNode) noId.get("pull_request")).remove("id");
        post("pull_request", noId).then().statusCode(400).body("errors[0].field", equalTo("pull_request"));

        // Form-encoded delivery (GitHub's other content type), for a repository mapped to no team yet.
        ObjectNode late = pullRequest("pull_request-closed-merged", "closed", "dlv-org/late", 933001, 1, "late-a",
                "Fix", "2026-11-10T08:00:00Z", "2026-11-10T10:00:00Z", "2026-11-10T10:00:00Z", "1a1a");
        byte[] form = ("payload=" + java.net.URLEncoder.encode(new String(GitHubHooks.bytes(late),
                java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new GitHubSignature(GitHubHooks.SECRET).sign(form))
                .contentType("application/x-www-form-urlencoded")
                .body(new String(form, java.nio.charset.StandardCharsets.US_ASCII)).post("/webhooks/github")
                .then().statusCode(202).body("status", equalTo("stored"));

        Api.team("dlv-late", "{\"timezone\":\"UTC\",\"min_contributors\":1}");
        assertEquals(0, count(scorecard("dlv-late", "2026-11-09", "2026-11-16"), "delivery", "merged_prs"));
        Api.repo("dlv-org/Late", "dlv-late");
        JsonNode card = scorecard("dlv-late", "2026-11-09", "2026-11-16");
        assertEquals(1, count(card, "delivery", "merged_prs"));
        assertEquals(2.0, num(card, "delivery", "pr_cycle_time_hours", "median"), 1e-9);
    }

    // --- payload builders (from the real fixtures) -------------------------------------------------------------

    private static void merged(String repo, long id, int number, String author, String created, String merged) {
        post("pull_request", pullRequest("pull_request-closed-merged", "closed", repo, id, number, author, "Change",
                created, merged, merged, "m" + id)).then().statusCode(202);
    }

    private static ObjectNode review(String repo, long reviewId, String reviewer, String submittedAt, long prId,
            int number, String author, String title, String prCreatedAt, String mergedAt, String... labels) {
        ObjectNode p = fixture("pull_request_review-submitted");
        repo(p, repo);
        ObjectNode review = (ObjectNode) p.get("review");
        review.put("id", reviewId);
        review.put("submitted_at", submittedAt);
        review.put("state", "approved");
        ((ObjectNode) review.get("user")).put("login", reviewer);
        setPr((ObjectNode) p.get("pull_request"), prId, number, author, title, prCreatedAt, submittedAt, mergedAt,
                null, labels);
        return p;
    }

    private static ObjectNode deployment(String repo, long id, String state, String environment, String at) {
        ObjectNode p = fixture("deployment_status");
        repo(p, repo);
        ObjectNode s = (ObjectNode) p.get("deployment_status");
        s.put("id", id);
        s.put("state", state);
        s.put("environment", environment);
        s.put("created_at", at);
        s.put("updated_at", at);
        ((ObjectNode) p.get("deployment")).put("environment", environment);
        return p;
    }

    private static ObjectNode run(String fixture, String repo, long id, int attempt, String conclusion,
            String updatedAt) {
        ObjectNode p = fixture(fixture);
        repo(p, repo);
        ObjectNode run = (ObjectNode) p.get("workflow_run");
        run.put("id", id);
        run.put("run_attempt", attempt);
        run.put("conclusion", conclusion);
        run.put("updated_at", updatedAt);
        return p;
    }

    private static ObjectNode push(String repo, String ref, String sha, String message, String pushedAt) {
        ObjectNode p = fixture("push-default-branch");
        repo(p, repo);
        p.put("ref", ref);
        p.put("after", sha);
        ((ObjectNode) p.get("repository")).put("pushed_at", Instant.parse(pushedAt).getEpochSecond());
        ObjectNode head = (ObjectNode) p.get("head_commit");
        head.put("id", sha);
        head.put("message", message);
        head.put("timestamp", pushedAt);
        return p;
    }

    private static ObjectNode issue(String fixture, String action, String repo, long id, int number,
            String createdAt, String updatedAt, String closedAt, String... labels) {
        ObjectNode p = fixture(fixture);
        p.put("action", action);
        repo(p, repo);
        ObjectNode issue = (ObjectNode) p.get("issue");
        issue.put("id", id);
        issue.put("number", number);
        issue.put("created_at", createdAt);
        issue.put("updated_at", updatedAt);
        issue.put("closed_at", closedAt);
        issue.put("state", closedAt == null ? "open" : "closed");
        issue.set("labels", labels(labels));
        return p;
    }

    private void usageReference(String repo, int number, String team) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, repo);
            ps.setInt(2, number);
            ps.setString(3, team);
            ps.setObject(4, OffsetDateTime.of(2026, 11, 13, 9, 0, 0, 0, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    // --- the scorecard's JSON: exact member names, values read strictly -------------------------------------------

    /** Members of the scorecard and of its sections, exactly as the API names them. */
    static final Set<String> CARD = Set.of("team", "from", "to", "timezone", "withheld", "withheld_reason", "cost",
            "delivery", "quality", "ai_impact", "routing", "agent_errors", "value_per_1k_usd", "pulse");
    static final Set<String> ROUTING = Set.of("savings_usd", "by_workflow", "target_model", "min_savings_usd");
    static final Set<String> AI_IMPACT = Set.of("withheld_reason", "ai_assisted", "other", "by_signal", "by_agent");
    static final Set<String> AGENT_ERRORS = Set.of("errors", "by_class", "sessions", "sessions_with_errors",
            "sessions_with_errors_share", "by_tool");
    static final Set<String> COST = Set.of("total_usd", "unattributed_usd", "input_tokens", "cached_input_tokens",
            "cache_write_tokens", "output_tokens", "reasoning_tokens", "cache_hit_ratio", "by_workflow", "by_model",
            "unpriced_models");
    static final Set<String> DELIVERY = Set.of("merged_prs", "cost_per_merged_pr_usd", "ai_assisted_share",
            "pr_cycle_time_hours", "review_wait_hours", "deployments", "change_failure_rate", "rollbacks",
            "rerun_ratio", "lead_time_for_changes_hours", "failed_deployment_recovery_hours", "deployment_rework_rate",
            "issue_to_production_hours");
    static final Set<String> QUALITY = Set.of("escaped_defects", "incidents", "time_to_restore_hours",
            "after_hours_incidents");

    /** A scorecard that is not withheld has exactly these members, null ones included. */
    private static void assertShape(JsonNode card) {
        assertEquals(new TreeSet<>(CARD), names(card));
        assertEquals(new TreeSet<>(COST), names(at(card, "cost")));
        assertEquals(new TreeSet<>(DELIVERY), names(at(card, "delivery")));
        assertEquals(Set.of("median", "p90"), names(at(card, "delivery", "pr_cycle_time_hours")));
        assertEquals(Set.of("median"), names(at(card, "delivery", "review_wait_hours")));
        assertEquals(Set.of("median", "p90"), names(at(card, "delivery", "lead_time_for_changes_hours")));
        assertEquals(Set.of("median"), names(at(card, "delivery", "failed_deployment_recovery_hours")));
        assertEquals(Set.of("median"), names(at(card, "delivery", "issue_to_production_hours")));
        assertEquals(new TreeSet<>(QUALITY), names(at(card, "quality")));
        assertEquals(Set.of("median"), names(at(card, "quality", "time_to_restore_hours")));
        assertEquals(new TreeSet<>(AI_IMPACT), names(at(card, "ai_impact")));
        assertEquals(Set.of("label", "usage", "trailer", "body_marker", "bot_author"),
                names(at(card, "ai_impact", "by_signal")));
        assertEquals(new TreeSet<>(AGENT_ERRORS), names(at(card, "agent_errors")));
        assertEquals(new TreeSet<>(ROUTING), names(at(card, "routing")));
        assertEquals(Set.of("docs", "triage", "testing"), names(at(card, "routing", "by_workflow")));
        assertEquals(Set.of("premium_usd", "at_target_usd", "savings_usd"),
                names(at(card, "routing", "by_workflow", "docs")));
        assertEquals(Set.of("rate_limit", "overloaded", "auth", "server", "client", "other"),
                names(at(card, "agent_errors", "by_class")));
    }

    private static Set<String> names(JsonNode object) {
        assertTrue(object.isObject(), "an object: " + object);
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The member at {@code path}; fails when a member on the way is missing. */
    private static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String field : path) {
            assertTrue(n.isObject() && n.has(field), "member " + field + " of " + String.join(".", path) + " in " + n);
            n = n.get(field);
        }
        return n;
    }

    /** The member is present and JSON null (the service writes an undefined figure as null, it never omits it). */
    private static void assertNullAt(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        assertTrue(n.isNull(), String.join(".", path) + " is null: " + n);
    }

    private static double num(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        assertTrue(n.isNumber(), String.join(".", path) + " is a number: " + n);
        return n.doubleValue();
    }

    private static int count(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        assertTrue(n.isIntegralNumber(), String.join(".", path) + " is an integer: " + n);
        return n.intValue();
    }

    private static boolean bool(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        assertTrue(n.isBoolean(), String.join(".", path) + " is a boolean: " + n);
        return n.booleanValue();
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        assertTrue(n.isTextual(), String.join(".", path) + " is a string: " + n);
        return n.textValue();
    }

    private static JsonNode scorecard(String team, String from, String to) throws Exception {
        String body = Api.reader().get("/api/teams/" + team + "/scorecard?from=" + from + "&to=" + to)
                .then().statusCode(200).extract().asString();
        return GitHubHooks.JSON.readTree(body);
    }
}
