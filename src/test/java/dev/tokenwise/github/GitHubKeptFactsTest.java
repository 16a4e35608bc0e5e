package dev.tokenwise.github;

import static dev.tokenwise.github.GitHubHooks.JSON;
import static dev.tokenwise.github.GitHubHooks.commit;
import static dev.tokenwise.github.GitHubHooks.fixture;
import static dev.tokenwise.github.GitHubHooks.post;
import static dev.tokenwise.github.GitHubHooks.pr;
import static dev.tokenwise.github.GitHubHooks.push;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a delivery keeps beyond the figures' own records (docs/contract.md §6.2): the commits of every branch push
 * with their AI marker's agent, a PR's head, body facts (marker, closed issues, reverted PR) and bot author, and a
 * deployment's sha. Asserted by exact values, on real payloads (payloads/github/, see SOURCES.md there) adapted per
 * case. No commit message, title or body text may reach any table.
 */
@QuarkusTest
class GitHubKeptFactsTest {

    /** A word that appears only in commit messages, titles and bodies sent here: it must be stored nowhere. */
    static final String SECRET_WORD = "zanzibarquokka";
    static final String CLAUDE_TRAILER = "Co-Authored-By: Claude <noreply@anthropic.com>";
    static final String CLAUDE_FOOTER = "🤖 Generated with [Claude Code](https://claude.ai/code)";
    /** 2026-01-01T00:00:00Z. */
    static final long PUSHED_AT = 1_767_225_600L;

    @Inject
    DataSource ds;

    @AfterEach
    void defaultMarkers() {
        Api.admin().body(markersJson(GlobalSettings.DEFAULT_AI_COMMIT_PATTERNS, GlobalSettings.DEFAULT_AI_BOT_AUTHORS))
                .put("/api/admin/settings").then().statusCode(200);
    }

    // --- push -----------------------------------------------------------------------------------------------------

    @Test
    void pushKeepsEachCommitOfItsBranchWithTheAgentOfItsMarker() {
        String repo = "kept-org/push-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode p = push(repo, "refs/heads/feature/parser-x", PUSHED_AT,
                commit("a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "Add the parser " + SECRET_WORD + "\n\n"
                        + CLAUDE_TRAILER, "2025-12-31T23:10:00+01:00"),
                commit("B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2", "Tune the cache\n\n" + CLAUDE_FOOTER + "\n",
                        "2025-12-31T22:20:00Z"),
                commit("c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", "Fix a typo " + SECRET_WORD,
                        "2025-12-31T22:30:00-00:00"));
        String delivery = UUID.randomUUID().toString();
        post("push", delivery, p).then().statusCode(202).body("status", equalTo("stored"));

        String branch = "feature/parser-x";
        List<List<String>> expected = List.of(
                List.of("a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", branch, "unassigned", "2025-12-31T22:10:00Z",
                        "2026-01-01T00:00:00Z", "claude"),
                List.of("b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", branch, "unassigned", "2025-12-31T22:20:00Z",
                        "2026-01-01T00:00:00Z", "claude"),
                Arrays.asList("c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", branch, "unassigned",
                        "2025-12-31T22:30:00Z", "2026-01-01T00:00:00Z", null));
        assertEquals(expected, commits(repo));

        // A redelivery changes nothing.
        post("push", delivery, p).then().statusCode(202).body("status", equalTo("duplicate"));
        assertEquals(expected, commits(repo));
        // The same commits pushed to the branch again later keep their first push time.
        ((ObjectNode) p.get("repository")).put("pushed_at", PUSHED_AT + 3600);
        post("push", p).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(expected, commits(repo));

        // The scan finds what is kept (so it can fail), and none of the messages' text.
        assertEquals(List.of("gh_commit"), tablesHolding("c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"));
        assertEquals(List.of(), tablesHolding(SECRET_WORD));
        assertEquals(List.of(), tablesHolding("Tune the cache"));
        assertEquals(List.of(), tablesHolding("noreply@anthropic.com"));
    }

    @Test
    void aCommitIsKeptPerBranchAndAnEarlierPushTimeWins() {
        String repo = "kept-org/branches-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = "d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4";
        post("push", push(repo, "refs/heads/main", PUSHED_AT + 7200,
                commit(sha, "Plain change", "2025-12-31T20:00:00Z"))).then().statusCode(202);
        // Delivered late but pushed earlier: its time wins.
        post("push", push(repo, "refs/heads/main", PUSHED_AT, commit(sha, "Plain change", "2025-12-31T20:00:00Z")))
                .then().statusCode(202);
        // Without pushed_at the head commit's time is the push's; a commit on a second branch is a second row.
        ObjectNode other = push(repo, "refs/heads/release", null,
                commit(sha, "Plain change\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>",
                        "2025-12-31T20:00:00Z"));
        ((ObjectNode) other.get("head_commit")).put("timestamp", "2026-01-02T08:00:00+02:00");
        post("push", other).then().statusCode(202);
        // Tag pushes keep no commits.
        post("push", push(repo, "refs/tags/v1", PUSHED_AT, commit("e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5",
                "Tagged", "2025-12-31T20:00:00Z"))).then().statusCode(202).body("status", equalTo("stored"));

        assertEquals(List.of(
                Arrays.asList(sha, "main", "unassigned", "2025-12-31T20:00:00Z", "2026-01-01T00:00:00Z", null),
                List.of(sha, "release", "unassigned", "2025-12-31T20:00:00Z", "2026-01-02T06:00:00Z", "cursor")),
                commits(repo));

        // Mapping the repository to a team moves its commits with it (docs/contract.md §6.4).
        Api.team("kept-team", "{\"timezone\":\"UTC\"}");
        Api.repo(repo, "kept-team");
        assertEquals(List.of(
                Arrays.asList(sha, "main", "kept-team", "2025-12-31T20:00:00Z", "2026-01-01T00:00:00Z", null),
                List.of(sha, "release", "kept-team", "2025-12-31T20:00:00Z", "2026-01-02T06:00:00Z", "cursor")),
                commits(repo));
    }

    // --- pull requests --------------------------------------------------------------------------------------------

    @Test
    void prKeepsItsHeadClosedIssuesAndBodyMarkerFromTheNewestSnapshot() {
        String repo = "kept-org/pr-" + UUID.randomUUID().toString().substring(0, 8);
        long id = 88_100_001L + (long) (Math.random() * 1_000_000);
        ObjectNode opened = pr(repo, id, 41, "Codertocat", "Add the " + SECRET_WORD + " parser",
                "Adds the " + SECRET_WORD + " parser.\n\nFixes #12, closes #13\n\n" + CLAUDE_FOOTER,
                "2026-01-05T10:00:00Z", "feature/parser", "AB12ab12ab12ab12ab12ab12ab12ab12ab12ab12");
        String delivery = UUID.randomUUID().toString();
        post("pull_request", delivery, opened).then().statusCode(202).body("status", equalTo("stored"));
        List<String> first = Arrays.asList("feature/parser", "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12", "claude",
                null, null, null, "false");
        assertEquals(first, pull(id));
        assertEquals(List.of(12, 13), closes(id));

        post("pull_request", delivery, opened).then().statusCode(202).body("status", equalTo("duplicate"));
        assertEquals(first, pull(id));
        assertEquals(List.of(12, 13), closes(id));

        // An older snapshot, delivered late, changes nothing.
        ObjectNode older = pr(repo, id, 41, "Codertocat", "t", "Resolves #99 " + CLAUDE_TRAILER,
                "2026-01-05T09:00:00Z", "old-branch", "0000000000000000000000000000000000000001");
        older.put("action", "edited");
        post("pull_request", older).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(first, pull(id));
        assertEquals(List.of(12, 13), closes(id));

        // The newest snapshot's body and head replace them.
        ObjectNode edited = pr(repo, id, 41, "Codertocat", "t", "Now it only resolves #14.", "2026-01-05T11:00:00Z",
                "feature/parser", "cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34");
        edited.put("action", "edited");
        post("pull_request", edited).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(Arrays.asList("feature/parser", "cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34", null, null, null, null,
                "false"), pull(id));
        assertEquals(List.of(14), closes(id));
        assertEquals(List.of(), tablesHolding(SECRET_WORD));
    }

    @Test
    void aForksPrKeepsItsHeadCommitButNotTheForksBranch() {
        String repo = "kept-org/fork-" + UUID.randomUUID().toString().substring(0, 8);
        long id = 88_700_001L + (long) (Math.random() * 1_000_000);
        ObjectNode opened = pr(repo, id, 5, "Octocat", "t", "", "2026-01-05T10:00:00Z", "main",
                "9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f");
        ((ObjectNode) opened.get("pull_request").get("head").get("repo")).put("full_name", "someone/fork");
        post("pull_request", opened).then().statusCode(202);
        assertEquals(Arrays.asList(null, "9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f", null, null, null, null, "false"),
                pull(id));
        assertEquals(List.of("9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"),
                column("SELECT sha FROM pr_commit WHERE pull_request_id = ?", id));
    }

    @Test
    void revertPrKeepsThePrItReverts() {
        String repo = "acme/api";
        long id = 88_200_001L + (long) (Math.random() * 1_000_000);
        ObjectNode p = pr(repo, id, 8, "Codertocat", "Revert \"Add the " + SECRET_WORD + " parser\"",
                "Reverts acme/api#7", "2026-01-06T10:00:00Z", "revert-7-parser",
                "ef56ef56ef56ef56ef56ef56ef56ef56ef56ef56");
        post("pull_request", p).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(Arrays.asList("revert-7-parser", "ef56ef56ef56ef56ef56ef56ef56ef56ef56ef56", null, null,
                "acme/api", "7", "true"), pull(id));
        assertEquals(List.of(), closes(id));
    }

    @Test
    void botAuthoredPrsNameTheirAgentAndKeepNoLogin() {
        String repo = "kept-org/bots-" + UUID.randomUUID().toString().substring(0, 8);
        long base = 88_300_001L + (long) (Math.random() * 1_000_000);
        String[][] authors = { { "Copilot", "copilot" }, { "copilot-swe-agent[bot]", "copilot" },
                { "google-labs-jules[bot]", "jules" }, { "chatgpt-codex-connector[bot]", "codex" },
                { "Codertocat", null } };
        for (int i = 0; i < authors.length; i++) {
            ObjectNode p = pr(repo, base + i, 100 + i, authors[i][0], "t", null, "2026-01-07T10:00:00Z", "b" + i,
                    "1234567890123456789012345678901234567890");
            post("pull_request", p).then().statusCode(202).body("status", equalTo("stored"));
            assertEquals(authors[i][1], pull(base + i).get(3), authors[i][0]);
        }
        assertEquals(List.of(), tablesHolding("copilot-swe-agent"));
        assertEquals(List.of(), tablesHolding("Codertocat"));
    }

    // --- deployment status ----------------------------------------------------------------------------------------

    @Test
    void deploymentStatusKeepsTheDeploymentSha() {
        ObjectNode p = fixture("deployment_status");
        GitHubHooks.repo(p, "kept-org/deploy");
        long id = 88_400_001L + (long) (Math.random() * 1_000_000);
        ((ObjectNode) p.get("deployment_status")).put("id", id);
        post("deployment_status", p).then().statusCode(202).body("status", equalTo("stored"));
        assertEquals(List.of("f95f852bd8fca8fcc58a9a2d6c842781e32a215e"),
                column("SELECT sha FROM gh_deployment_status WHERE id = ?", id));
    }

    // --- settings -------------------------------------------------------------------------------------------------

    @Test
    void customMarkersChangeDetectionForLaterDeliveriesOnly() {
        String repo = "kept-org/custom-" + UUID.randomUUID().toString().substring(0, 8);
        String before = "f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6";
        post("push", push(repo, "refs/heads/main", PUSHED_AT, commit(before, "x\n\n" + CLAUDE_TRAILER,
                "2025-12-31T20:00:00Z"))).then().statusCode(202);

        Api.admin().body(markersJson(List.of("^assisted-by: windsurf", "^made-by-robot$"),
                List.of("My-Agent[bot]"))).put("/api/admin/settings").then().statusCode(200)
                .body("ai_commit_patterns", contains("^assisted-by: windsurf", "^made-by-robot$"))
                .body("ai_bot_authors", contains("my-agent[bot]"));
        Api.admin().get("/api/admin/audit?limit=1").then().statusCode(200)
                .body("[0].action", equalTo("settings.update"))
                .body("[0].before.ai_bot_authors", equalTo(GlobalSettings.DEFAULT_AI_BOT_AUTHORS))
                .body("[0].after.ai_commit_patterns", contains("^assisted-by: windsurf", "^made-by-robot$"))
                .body("[0].after.ai_bot_authors", contains("my-agent[bot]"));

        post("push", push(repo, "refs/heads/main", PUSHED_AT,
                commit("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a", "y\n\n" + CLAUDE_TRAILER, "2025-12-31T21:00:00Z"),
                commit("1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b", "z\n\nAssisted-By: Windsurf", "2025-12-31T21:00:00Z"),
                commit("2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c", "w\nMADE-BY-ROBOT\n", "2025-12-31T21:00:00Z")))
                .then().statusCode(202);
        assertEquals(Arrays.asList(null, "windsurf", "other", "claude"),
                column("SELECT ai_agent FROM gh_commit WHERE repo = ? ORDER BY sha", repo));

        long id = 88_500_001L + (long) (Math.random() * 1_000_000);
        post("pull_request", pr(repo, id, 1, "my-agent[bot]", "t", null, "2026-01-07T10:00:00Z", "b",
                "1234567890123456789012345678901234567890")).then().statusCode(202);
        post("pull_request", pr(repo, id + 1, 2, "Copilot", "t", null, "2026-01-07T10:00:00Z", "b",
                "1234567890123456789012345678901234567890")).then().statusCode(202);
        assertEquals("other", pull(id).get(3));
        assertEquals(null, pull(id + 1).get(3));
    }

    @Test
    void badMarkerSettingsAreRefusedNamingTheField() {
        Api.admin().body("{\"ai_commit_patterns\":[\"ok\",\"(unclosed\"]}").put("/api/admin/settings").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("ai_commit_patterns[1]"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("p" + i);
        }
        Api.admin().body(markersJson(many, null)).put("/api/admin/settings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("ai_commit_patterns"));
        Api.admin().body("{\"ai_commit_patterns\":[]}").put("/api/admin/settings").then().statusCode(400)
                .body("errors.field", contains("ai_commit_patterns"));
        Api.admin().body(markersJson(List.of("a".repeat(201)), null)).put("/api/admin/settings").then()
                .statusCode(400).body("errors.field", contains("ai_commit_patterns[0]"));
        Api.admin().body("{\"ai_bot_authors\":[\"x\\u0000[bot]\"]}").put("/api/admin/settings").then()
                .statusCode(400).body("errors.field", contains("ai_bot_authors[0]"));
        Api.admin().get("/api/admin/settings").then().statusCode(200)
                .body("ai_commit_patterns", equalTo(GlobalSettings.DEFAULT_AI_COMMIT_PATTERNS))
                .body("ai_bot_authors", equalTo(GlobalSettings.DEFAULT_AI_BOT_AUTHORS));
    }

    // --- building deliveries --------------------------------------------------------------------------------------

    static String markersJson(List<String> patterns, List<String> bots) {
        ObjectNode o = JSON.createObjectNode();
        if (patterns != null) {
            patterns.forEach(o.putArray("ai_commit_patterns")::add);
        }
        if (bots != null) {
            bots.forEach(o.putArray("ai_bot_authors")::add);
        }
        return o.toString();
    }

    // --- reading tables -------------------------------------------------------------------------------------------

    List<List<String>> commits(String repo) {
        return rows("SELECT sha, branch, team_id, committed_at, pushed_at, ai_agent FROM gh_commit WHERE repo = ? "
                + "ORDER BY sha, branch", repo);
    }

    List<String> pull(long id) {
        List<List<String>> rows = rows("SELECT head_ref, head_sha, body_ai_agent, bot_agent, reverts_repo, reverts_pr, "
                + "is_revert FROM gh_pull_request WHERE id = ?", id);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    List<Integer> closes(long id) {
        return column("SELECT issue_number FROM gh_pr_closes_issue WHERE pull_request_id = ? ORDER BY issue_number", id)
                .stream().map(Integer::valueOf).toList();
    }

    List<String> column(String sql, Object... args) {
        return rows(sql, args).stream().map(r -> r.get(0)).toList();
    }

    /** Every table a GitHub delivery writes to whose text holds {@code word} (case-sensitive). */
    List<String> tablesHolding(String word) {
        List<String> found = new ArrayList<>();
        for (String t : List.of("github_delivery", "gh_pull_request", "gh_review", "gh_issue", "gh_label",
                "gh_deployment_status", "gh_workflow_run", "gh_revert_push", "gh_commit", "gh_pr_closes_issue")) {
            if (rows("SELECT * FROM " + t).stream().flatMap(List::stream)
                    .anyMatch(v -> v != null && v.contains(word))) {
                found.add(t);
            }
        }
        return found;
    }

    /** Rows as strings; times as UTC instants so that H2 and PostgreSQL read alike. */
    List<List<String>> rows(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        int type = md.getColumnType(i);
                        if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
                            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                            row.add(t == null ? null : t.toInstant().toString());
                        } else if (type == Types.BOOLEAN || type == Types.BIT) {
                            row.add(String.valueOf(rs.getBoolean(i)));
                        } else {
                            row.add(rs.getString(i));
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
