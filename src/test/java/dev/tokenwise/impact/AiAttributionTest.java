package dev.tokenwise.impact;

import static dev.tokenwise.impact.AttributionScenario.CLAUDE_FOOTER;
import static dev.tokenwise.impact.AttributionScenario.CLAUDE_TRAILER;
import static dev.tokenwise.impact.AttributionScenario.SECRET_WORD;
import static dev.tokenwise.impact.AttributionScenario.SESSION_COST;
import static dev.tokenwise.impact.AttributionScenario.commit;
import static dev.tokenwise.impact.AttributionScenario.sha;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * AI attribution end to end (docs/contract.md §7.7): agents' events, pushes and pull requests arrive through the real
 * endpoints, in any order and late, and the scorecard's {@code ai_impact} and unattributed cost are asserted by exact
 * values. Times are UTC; the PRs merge in the week of 2026-08-10.
 */
@QuarkusTest
class AiAttributionTest {

    private static final long AUG_11_0100 = 1_786_410_000L;

    @Test
    void aClaudeCodeSessionsCommitMakesItsPrAiAssistedAndCarriesItsCost() {
        AttributionScenario s = new AttributionScenario("ai-usage");
        String c1 = sha();
        String c2 = sha();
        String session = "cc-" + UUID.randomUUID();
        // The agent reports the first commit by its short id (as `git commit` prints it), the second in full.
        s.claudeCode(session, c1.substring(0, 7), c2);
        s.push("feature/parser", AUG_11_0100, commit(c1, "Add the " + SECRET_WORD + " parser", "2026-08-11T00:50:00Z"));
        s.push("feature/other", AUG_11_0100, commit(c2, "Try another way", "2026-08-11T00:55:00Z"));

        // AI-assisted: #1 by usage (the session's commit), #2 by label, #3 by the body's marker.
        s.opened(1, "alice", "2026-08-11T02:00:00Z", "feature/parser", c1, "Adds the " + SECRET_WORD + " parser.");
        s.reviewed(1, "alice", "2026-08-11T02:00:00Z", "bob", "2026-08-11T04:00:00Z", "feature/parser", c1);
        s.merged(1, "alice", "2026-08-11T02:00:00Z", "2026-08-11T10:00:00Z", sha(), "feature/parser", c1, "Adds it.");
        s.merged(2, "bob", "2026-08-12T00:00:00Z", "2026-08-12T04:00:00Z", sha(), "fix/b", sha(), "", "ai-assisted");
        s.reviewed(3, "carol", "2026-08-12T00:00:00Z", "dave", "2026-08-12T01:00:00Z", "docs/c", sha());
        s.merged(3, "carol", "2026-08-12T00:00:00Z", "2026-08-12T06:00:00Z", sha(), "docs/c", sha(),
                "Docs.\n\n" + CLAUDE_FOOTER);
        // The session's other commit is in a PR that stays open: the session's cost is split between the two.
        s.opened(7, "alice", "2026-08-11T03:00:00Z", "feature/other", c2, "");
        // Others: #4 (reverted later by #8), #5, #6.
        s.reviewed(4, "dave", "2026-08-13T00:00:00Z", "erin", "2026-08-13T03:00:00Z", "d", sha());
        s.merged(4, "dave", "2026-08-13T00:00:00Z", "2026-08-13T10:00:00Z", sha(), "d", sha(), "");
        s.merged(5, "erin", "2026-08-13T00:00:00Z", "2026-08-13T20:00:00Z", sha(), "e", sha(), "");
        s.reviewed(6, "frank", "2026-08-13T00:00:00Z", "alice", "2026-08-13T05:00:00Z", "f", sha());
        s.merged(6, "frank", "2026-08-13T00:00:00Z", "2026-08-14T06:00:00Z", sha(), "f", sha(), "");
        s.merged(8, "frank", "2026-08-18T00:00:00Z", "2026-08-18T01:00:00Z", sha(), "revert-4", sha(),
                "Reverts " + s.repo + "#4");

        JsonPath card = s.scorecard();
        assertEquals(SESSION_COST, card.getDouble("cost.total_usd"), 1e-9);
        // The whole session reached PRs through its commits: none of the week's cost is unattributed.
        assertEquals(0.0, card.getDouble("cost.unattributed_usd"), 1e-9);
        assertNull(card.get("ai_impact.withheld_reason"));
        assertEquals(3, card.getInt("ai_impact.ai_assisted.merged_prs"));
        assertEquals(6.0, card.getDouble("ai_impact.ai_assisted.cycle_time_hours.median"), 1e-9);
        assertEquals(1.5, card.getDouble("ai_impact.ai_assisted.review_wait_hours.median"), 1e-9);
        assertEquals(0, card.getInt("ai_impact.ai_assisted.reverted_prs"));
        assertEquals(SESSION_COST / 2, card.getDouble("ai_impact.ai_assisted.attributed_cost_usd"), 1e-9);
        assertEquals(0.048, card.getDouble("ai_impact.ai_assisted.cost_per_pr_usd"), 1e-9);
        assertEquals(3, card.getInt("ai_impact.other.merged_prs"));
        assertEquals(20.0, card.getDouble("ai_impact.other.cycle_time_hours.median"), 1e-9);
        assertEquals(4.0, card.getDouble("ai_impact.other.review_wait_hours.median"), 1e-9);
        assertEquals(1, card.getInt("ai_impact.other.reverted_prs"));
        // The other cohort has no cost of its own: exactly these members.
        assertEquals(Set.of("merged_prs", "cycle_time_hours", "review_wait_hours", "reverted_prs"),
                card.getMap("ai_impact.other").keySet());
        assertEquals(Map.of("label", 1, "usage", 1, "trailer", 0, "body_marker", 1, "bot_author", 0),
                card.getMap("ai_impact.by_signal"));
        assertEquals(Map.of("claude", 2), card.getMap("ai_impact.by_agent"));
        assertEquals(0.5, card.getDouble("delivery.ai_assisted_share"), 1e-9);
    }

    @Test
    void signalsArrivingLateAndInAnyOrderCountFromWhenTheyArrive() {
        AttributionScenario s = new AttributionScenario("ai-late", 1);
        String branchCommit = sha();
        String head = sha();
        String squash = sha();
        // The PR merges first; nothing says it is AI-assisted yet.
        s.merged(1, "alice", "2026-08-11T02:00:00Z", "2026-08-11T08:00:00Z", squash, "feature/late", head, "");
        assertEquals(0, s.scorecard().getInt("ai_impact.by_signal.usage"));
        // Days later the agent's events arrive, naming a commit of the branch that no push has shown yet.
        String session = "cc-" + UUID.randomUUID();
        s.claudeCode(session, branchCommit.substring(0, 12));
        JsonPath before = s.scorecard();
        assertEquals(0, before.getInt("ai_impact.by_signal.usage"));
        assertEquals(SESSION_COST, before.getDouble("cost.unattributed_usd"), 1e-9);
        // Then the branch's push (made before the merge) is delivered: the session's commit is the PR's.
        s.push("feature/late", AUG_11_0100, commit(branchCommit, "Work " + SECRET_WORD, "2026-08-11T00:30:00Z"),
                commit(head, "More work", "2026-08-11T00:40:00Z"));
        JsonPath after = s.scorecard();
        assertEquals(1, after.getInt("ai_impact.by_signal.usage"));
        assertEquals(Map.of("claude", 1), after.getMap("ai_impact.by_agent"));
        assertEquals(0.0, after.getDouble("cost.unattributed_usd"), 1e-9);
        // The squash commit is pushed to the default branch last, with Claude's trailer: a second signal.
        s.push("main", AUG_11_0100 + 8 * 3600, commit(squash, "Late work (#1)\n\n" + CLAUDE_TRAILER,
                "2026-08-11T08:00:00Z"));
        assertEquals(1, s.scorecard().getInt("ai_impact.by_signal.trailer"));
        assertEquals(1, s.scorecard().getInt("ai_impact.by_signal.usage"));
        // Last, another agent's session reports the head commit by its full id: the PR's commits already known
        // learn that a session made them (its agent counts), and its cost is not unattributed.
        String late = "[{\"id\":\"" + s.team + "-late\",\"timestamp\":\"2026-08-11T00:35:00Z\",\"team\":\""
                + s.team + "\",\"tool\":\"codex\",\"model\":\"gpt-5\",\"cost_usd\":2.0,\"session_id\":\""
                + s.team + "-late\",\"commit_sha\":\"" + head + "\"}]";
        Api.ingest().contentType(ContentType.JSON).body(late).post("/ingest/usage").then().statusCode(202)
                .body("accepted", equalTo(1));
        JsonPath last = s.scorecard();
        assertEquals(1, last.getInt("ai_impact.by_signal.usage"));
        assertEquals(Map.of("claude", 1, "codex", 1), last.getMap("ai_impact.by_agent"));
        assertEquals(SESSION_COST + 2.0, last.getDouble("cost.total_usd"), 1e-9);
        assertEquals(0.0, last.getDouble("cost.unattributed_usd"), 1e-9);
    }

    @Test
    void aBranchReusedAfterAMergeGivesItsLaterCommitsToTheNextPr() {
        AttributionScenario s = new AttributionScenario("ai-reuse", 1);
        String first = sha();
        String later = sha();
        s.push("dev", AUG_11_0100, commit(first, "First", "2026-08-11T00:30:00Z"));
        s.merged(1, "alice", "2026-08-11T02:00:00Z", "2026-08-11T04:00:00Z", sha(), "dev", first, "");
        // Pushed to the same branch after #1 merged, with Cursor's trailer: #2's, not #1's.
        s.push("dev", AUG_11_0100 + 6 * 3600, commit(later, "Second\n\nCo-authored-by: Cursor Agent "
                + "<cursoragent@cursor.com>", "2026-08-11T06:30:00Z"));
        s.merged(2, "bob", "2026-08-11T07:00:00Z", "2026-08-11T09:00:00Z", sha(), "dev", later, "");
        JsonPath card = s.scorecard();
        assertEquals(1, card.getInt("ai_impact.by_signal.trailer"));
        assertEquals(Map.of("cursor", 1), card.getMap("ai_impact.by_agent"));
        assertEquals(0.5, card.getDouble("delivery.ai_assisted_share"), 1e-9);
    }

    @Test
    void botAuthorsAndBodyMarkersAreSignalsAndAComparisonOfTooFewPeopleIsWithheld() {
        AttributionScenario s = new AttributionScenario("ai-bot");
        s.merged(1, "Copilot", "2026-08-11T02:00:00Z", "2026-08-11T04:00:00Z", sha(), "copilot/fix-1", sha(), "");
        s.merged(2, "carol", "2026-08-11T02:00:00Z", "2026-08-11T05:00:00Z", sha(), "c", sha(),
                "Fixes it.\n\n" + CLAUDE_FOOTER);
        for (int n = 3; n <= 5; n++) {
            s.merged(n, "dev" + n, "2026-08-11T02:00:00Z", "2026-08-11T06:00:00Z", sha(), "b" + n, sha(), "");
        }
        JsonPath card = s.scorecard();
        assertEquals(Map.of("label", 0, "usage", 0, "trailer", 0, "body_marker", 1, "bot_author", 1),
                card.getMap("ai_impact.by_signal"));
        assertEquals(Map.of("claude", 1, "copilot", 1), card.getMap("ai_impact.by_agent"));
        // Two authors of AI-assisted PRs only: the comparison is withheld, its reason given, the counts still shown.
        assertNull(card.get("ai_impact.ai_assisted"));
        assertNull(card.get("ai_impact.other"));
        assertTrue(card.getMap("ai_impact").containsKey("ai_assisted"));
        assertTrue(card.getMap("ai_impact").containsKey("other"));
        assertEquals("The comparison needs merged PRs from at least 3 different people on each side (AI-assisted "
                + "and other); with fewer it would tell who uses AI. Tokenwise compares groups only.",
                card.getString("ai_impact.withheld_reason"));
    }

    @Test
    void usageEventsLinkThroughTheirCommitAndTheirPrWithoutCountingTwice() {
        AttributionScenario s = new AttributionScenario("ai-json");
        String c = sha();
        s.push("feat", AUG_11_0100, commit(c, "Work", "2026-08-11T00:30:00Z"));
        s.codexEvents(c.toUpperCase());
        String[] merges = new String[7];
        for (int n = 1; n <= 6; n++) {
            merges[n] = sha();
            s.merged(n, "dev" + n, "2026-08-11T02:00:00Z", "2026-08-11T0" + (2 + n) + ":00:00Z", merges[n],
                    n == 1 ? "feat" : "b" + n, n == 1 ? c : sha(), "", n == 3 ? "ai-assisted" : "none");
        }
        // A revert pushed straight to the default branch names #5's merge commit, as git writes it.
        s.push("main", AUG_11_0100 + 86_400, commit(sha(), "Revert \"Change\"\n\nThis reverts commit "
                + merges[5] + ".", "2026-08-12T01:00:00Z"));
        JsonPath card = s.scorecard();
        assertEquals(1, card.getInt("ai_impact.other.reverted_prs"));
        assertEquals(0, card.getInt("ai_impact.ai_assisted.reverted_prs"));
        assertEquals(4.5, card.getDouble("cost.total_usd"), 1e-9);
        // Only the event with neither a PR nor a linked session is unattributed.
        assertEquals(0.5, card.getDouble("cost.unattributed_usd"), 1e-9);
        assertEquals(3, card.getInt("ai_impact.ai_assisted.merged_prs"));
        // #2 gets the event that named it ($1), #1 the rest of the session ($3): $4, never the session's $4 twice.
        assertEquals(4.0, card.getDouble("ai_impact.ai_assisted.attributed_cost_usd"), 1e-9);
        assertEquals(1.3333, card.getDouble("ai_impact.ai_assisted.cost_per_pr_usd"), 1e-9);
        assertEquals(Map.of("codex", 1), card.getMap("ai_impact.by_agent"));
        assertEquals(2, card.getInt("ai_impact.by_signal.usage"));
    }

    @Test
    void aCommitShaNeedsASessionAndMustBeACommitId() {
        String noSession = "{\"timestamp\":\"2026-08-11T01:00:00Z\",\"team\":\"ai-refused\",\"model\":\"gpt-5\","
                + "\"commit_sha\":\"" + sha() + "\"}";
        Api.ingest().contentType(ContentType.JSON).body(noSession).post("/ingest/usage").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("commit_sha"))
                .body("errors[0].message", equalTo("needs session_id: the commit links the event's session to a "
                        + "pull request"));
        String notASha = "{\"timestamp\":\"2026-08-11T01:00:00Z\",\"team\":\"ai-refused\",\"model\":\"gpt-5\","
                + "\"session_id\":\"s\",\"commit_sha\":\"abc1234\"}";
        Api.ingest().contentType(ContentType.JSON).body(notASha).post("/ingest/usage").then().statusCode(400)
                .body("errors[0].field", equalTo("commit_sha"))
                .body("errors[0].message", equalTo("must be a commit id: 40 hexadecimal digits"));
        Api.admin().get("/api/teams/ai-refused/scorecard?" + AttributionScenario.WEEK).then().statusCode(404);
    }
}
