package dev.tokenwise.impact;

import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * One team and repository of an attribution test, and the deliveries that feed it, all through the real endpoints:
 * GitHub's real payloads (payloads/github/) signed as GitHub signs them, and Claude Code's real logs export
 * (payloads/otlp/claude-code/claude_logs.json) with a {@code tool_result} of a {@code git commit} added as Claude Code
 * sends it with {@code OTEL_LOG_TOOL_DETAILS=1}: {@code tool_parameters} as a JSON string attribute.
 */
final class AttributionScenario {

    /** Words that reach the service only in titles, bodies, commit messages, commands and e-mails. */
    static final String SECRET_WORD = "zanzibarquokka";
    static final String CLAUDE_TRAILER = "Co-Authored-By: Claude <noreply@anthropic.com>";
    static final String CLAUDE_FOOTER = "🤖 Generated with [Claude Code](https://claude.ai/code)";
    /** The week the PRs merge in (the logs export's events happen on its Tuesday, 2026-08-11). */
    static final String WEEK = "from=2026-08-10&to=2026-08-17";
    /** The cost of the export's two api_request events: 0.213915 + 0.074085. */
    static final double SESSION_COST = 0.288;

    private static final String CC_SESSION = "11111111-2222-3333-4444-555555555555";

    final String team;
    final String repo;
    private final long idBase;

    AttributionScenario(String prefix) {
        this(prefix, 3);
    }

    /** {@code minContributors} 1 lets a test of one or two authors read its figures (withholding is tested apart). */
    AttributionScenario(String prefix, int minContributors) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        team = prefix + "-" + tag;
        repo = "ai-org/" + prefix + "-" + tag;
        idBase = 7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 100;
        Api.team(team, "{\"timezone\":\"UTC\",\"min_contributors\":" + minContributors + "}");
        Api.repo(repo, team);
    }

    /** The GitHub id of the scenario's PR {@code number}. */
    long id(int number) {
        return idBase + number;
    }

    static String sha() {
        StringBuilder s = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 40; i++) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    // --- GitHub ---------------------------------------------------------------------------------------------------

    void opened(int number, String author, String created, String headRef, String headSha, String body,
            String... labels) {
        GitHubHooks.post("pull_request", pr("pull_request-opened", "opened", number, author, created, created, null,
                null, headRef, headSha, body, labels)).then().statusCode(202);
    }

    void merged(int number, String author, String created, String mergedAt, String mergeSha, String headRef,
            String headSha, String body, String... labels) {
        GitHubHooks.post("pull_request", pr("pull_request-closed-merged", "closed", number, author, created, mergedAt,
                mergedAt, mergeSha, headRef, headSha, body, labels)).then().statusCode(202);
    }

    /** A review by {@code reviewer}, with the open PR's snapshot as GitHub sends it. */
    void reviewed(int number, String author, String created, String reviewer, String submittedAt, String headRef,
            String headSha) {
        ObjectNode p = GitHubHooks.fixture("pull_request_review-submitted");
        GitHubHooks.repo(p, repo);
        ObjectNode review = (ObjectNode) p.get("review");
        review.put("id", id(number) * 10 + reviewer.length());
        review.put("submitted_at", submittedAt);
        review.put("state", "approved");
        ((ObjectNode) review.get("user")).put("login", reviewer);
        ObjectNode pr = (ObjectNode) p.get("pull_request");
        GitHubHooks.setPr(pr, id(number), number, author, "Change " + SECRET_WORD, created, submittedAt, null, null);
        head(pr, headRef, headSha);
        GitHubHooks.post("pull_request_review", p).then().statusCode(202);
    }

    void push(String branch, long pushedAt, ObjectNode... commits) {
        GitHubHooks.post("push", GitHubHooks.push(repo, "refs/heads/" + branch, pushedAt, commits)).then()
                .statusCode(202);
    }

    static ObjectNode commit(String sha, String message, String timestamp) {
        return GitHubHooks.commit(sha, message, timestamp);
    }

    private ObjectNode pr(String fixture, String action, int number, String author, String created, String updated,
            String mergedAt, String mergeSha, String headRef, String headSha, String body, String... labels) {
        ObjectNode p = GitHubHooks.pullRequest(fixture, action, repo, id(number), number, author,
                "Change " + SECRET_WORD, created, updated, mergedAt, mergeSha, labels);
        ObjectNode pr = (ObjectNode) p.get("pull_request");
        pr.put("body", body);
        ((ObjectNode) pr.get("user")).put("type", author.endsWith("[bot]") || "Copilot".equals(author) ? "Bot"
                : "User");
        head(pr, headRef, headSha);
        return p;
    }

    private static void head(ObjectNode pr, String ref, String sha) {
        ((ObjectNode) pr.get("head")).put("ref", ref).put("sha", sha);
    }

    // --- Claude Code ----------------------------------------------------------------------------------------------

    /**
     * The real export as session {@code session} of this team and repository sends it, with one {@code git commit}
     * tool_result per commit id (as Claude Code reports them: short or full).
     */
    void claudeCode(String session, String... commitIds) {
        try (InputStream in = getClass().getResourceAsStream("/payloads/otlp/claude-code/claude_logs.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(CC_SESSION, session)
                    .replace("req_0", "req_" + session + "_0").replace("req_1", "req_" + session + "_1");
            ObjectNode root = (ObjectNode) GitHubHooks.JSON.readTree(text);
            ObjectNode resourceLogs = (ObjectNode) root.withArray("resourceLogs").get(0);
            ArrayNode attrs = resourceLogs.withObject("resource").withArray("attributes");
            attrs.addObject().put("key", "team").putObject("value").put("stringValue", team);
            attrs.addObject().put("key", "repo").putObject("value").put("stringValue", repo);
            ArrayNode records = (ArrayNode) resourceLogs.withArray("scopeLogs").get(0).withArray("logRecords");
            ObjectNode toolResult = null;
            for (JsonNode r : records) {
                if (r.path("body").path("stringValue").asText().equals("claude_code.tool_result")) {
                    toolResult = (ObjectNode) r;
                }
            }
            for (String id : commitIds) {
                ObjectNode bash = toolResult.deepCopy();
                ArrayNode a = (ArrayNode) bash.get("attributes");
                for (JsonNode kv : a) {
                    if (kv.get("key").asText().equals("tool_name")) {
                        ((ObjectNode) kv.get("value")).put("stringValue", "Bash");
                    }
                }
                String parameters = GitHubHooks.JSON.createObjectNode()
                        .put("bash_command", "git commit -m \"Add the " + SECRET_WORD + " parser\"")
                        .put("full_command", "git add -A && git commit -m \"Add the " + SECRET_WORD + " parser\"")
                        .put("git_commit_id", id).toString();
                a.addObject().put("key", "tool_parameters").putObject("value").put("stringValue", parameters);
                records.add(bash);
            }
            Api.ingest().contentType(ContentType.JSON).body(GitHubHooks.JSON.writeValueAsString(root))
                    .post("/v1/logs").then().statusCode(200).body(equalTo("{}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Three Codex events through {@code POST /ingest/usage}, 11 Aug 2026: $1 in session {@code <team>-s} naming PR #2,
     * $3 in the same session naming commit {@code commitSha} (as given: any case), and $0.50 naming neither.
     */
    void codexEvents(String commitSha) {
        String body = "[{\"id\":\"" + team + "-1\",\"timestamp\":\"2026-08-11T01:00:00Z\",\"team\":\"" + team
                + "\",\"repo\":\"" + repo + "\",\"tool\":\"codex\",\"model\":\"gpt-5\",\"cost_usd\":1.0,"
                + "\"session_id\":\"" + team + "-s\",\"pull_request\":2},"
                + "{\"id\":\"" + team + "-2\",\"timestamp\":\"2026-08-11T01:10:00Z\",\"team\":\"" + team
                + "\",\"repo\":\"" + repo + "\",\"tool\":\"codex\",\"model\":\"gpt-5\",\"cost_usd\":3.0,"
                + "\"session_id\":\"" + team + "-s\",\"commit_sha\":\"" + commitSha + "\"},"
                + "{\"id\":\"" + team + "-3\",\"timestamp\":\"2026-08-11T01:20:00Z\",\"team\":\"" + team
                + "\",\"model\":\"gpt-5\",\"cost_usd\":0.5}]";
        Api.ingest().contentType(ContentType.JSON).body(body).post("/ingest/usage").then().statusCode(202)
                .body("accepted", equalTo(3));
    }

    // --- answers --------------------------------------------------------------------------------------------------

    JsonPath scorecard() {
        return Api.admin().get("/api/teams/" + team + "/scorecard?" + WEEK).then().statusCode(200)
                .body("withheld", equalTo(false)).extract().jsonPath();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
