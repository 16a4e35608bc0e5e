package dev.tokenwise.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.SlackRequests;
import dev.tokenwise.usage.UsageDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Hostile input over the GitHub webhook and Slack's request URL, one table. Every request is signed exactly as
 * GitHub (HMAC-SHA256 of the raw body, {@code sha256=} hex) and Slack ({@code v0=} HMAC of
 * {@code v0:timestamp:body}) sign, so each reaches the parsing it is meant to test. A refused request must be
 * answered with exactly its 4xx as {@code application/problem+json} naming exactly the bad field, and leave every
 * delivery table, the audit log, the outbox and the snoozes as they were (counted in the real database); its
 * delivery id must not be stored, so a corrected redelivery is taken. Valid boundary cases must be stored.
 */
@QuarkusTest
class HostileWebhookInputTest {

    static final String GITHUB_SECRET = "test-github-webhook-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "hostile-org/hostile-repo";
    /** Tables a GitHub delivery or a Slack request may write to. */
    static final List<String> TABLES = List.of("github_delivery", "gh_pull_request", "gh_review", "gh_issue",
            "gh_label", "gh_deployment_status", "gh_workflow_run", "gh_revert_push", "gh_commit", "gh_pr_closes_issue",
            "audit_log", "outbox_message", "alert_snooze");

    @Inject
    UsageDb db;

    /**
     * One signed request and what must come of it: for GitHub {@code event} is the X-GitHub-Event, for Slack null.
     * {@code field} is the one field the problem names (null: none is named); {@code stored} checks a valid one.
     */
    record Case(String name, String event, String contentType, byte[] body, String deliveryId, int status,
            String field, Consumer<HostileWebhookInputTest> stored) {

        @Override
        public String toString() {
            return name;
        }
    }

    // --- building requests ----------------------------------------------------------------------------------------

    static ObjectNode fixture(String name) {
        try (InputStream in = HostileWebhookInputTest.class.getResourceAsStream("/payloads/github/" + name + ".json")) {
            ObjectNode p = (ObjectNode) JSON.readTree(in);
            GitHubHooks.repo(p, REPO);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String repeat(String s, int n) {
        return String.join("", Collections.nCopies(n, s));
    }

    /** A fixture changed by {@code edit}, refused with 400 naming {@code field}. */
    static Case github(String name, String event, String fixture, UnaryOperator<ObjectNode> edit, String field) {
        return new Case(name, event, "application/json", json(edit.apply(fixture(fixture))), id(), 400, field, null);
    }

    static Case githubRaw(String name, String event, String contentType, String body, String field) {
        return new Case(name, event, contentType, bytes(body), id(), 400, field, null);
    }

    static Case slack(String name, String contentType, String body, int status, String field) {
        return new Case(name, null, contentType, bytes(body), null, status, field, null);
    }

    static String id() {
        return "hostile-" + UUID.randomUUID();
    }

    static ObjectNode pr(ObjectNode p) {
        return (ObjectNode) p.get("pull_request");
    }

    static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /** A /tokenwise slash command form, with {@code text} placed raw (already percent-encoded, or broken). */
    static String command(String rawText) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("team_id", "T0TEST");
        f.put("channel_id", "C0HOSTILE");
        f.put("user_id", "U0HOSTILE");
        f.put("command", "/tokenwise");
        f.put("response_url", "http://127.0.0.1:9/hooks/unused");
        f.put("trigger_id", "1.2.3");
        return form(f) + "&text=" + rawText;
    }

    static String payload(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static final String FORM = "application/x-www-form-urlencoded";

    static Stream<Case> cases() {
        String merged = "pull_request-closed-merged";
        return Stream.of(
                // --- GitHub: JSON the reader refuses ---------------------------------------------------------------
                githubRaw("body is an array", "pull_request", "application/json", "[]", "body"),
                githubRaw("body is null", "ping", "application/json", "null", "body"),
                githubRaw("trailing braces after the payload", "ping", "application/json",
                        new String(json(fixture("ping")), StandardCharsets.UTF_8) + "}}", "body"),
                githubRaw("NaN in the payload (not JSON)", "ping", "application/json", "{\"zen\":NaN}", "zen"),
                github("PR number is a word", "pull_request", "pull_request-opened",
                        p -> {
                            pr(p).put("number", "abc");
                            return p;
                        }, "pull_request.number"),
                github("PR number beyond an int", "pull_request", "pull_request-opened",
                        p -> {
                            pr(p).put("number", 3_000_000_000L);
                            return p;
                        }, "pull_request.number"),
                github("PR id is a fraction", "pull_request", "pull_request-opened",
                        p -> {
                            pr(p).put("id", 1.5);
                            return p;
                        }, "pull_request.id"),
                github("created_at in month 13", "pull_request", "pull_request-opened",
                        p -> {
                            pr(p).put("created_at", "2026-13-01T00:00:00Z");
                            return p;
                        }, "pull_request.created_at"),
                github("labels is an object", "pull_request", "pull_request-labeled",
                        p -> {
                            pr(p).putObject("labels");
                            return p;
                        }, "pull_request.labels"),
                // --- GitHub: values it cannot store -----------------------------------------------------------------
                github("updated_at in 1999", "pull_request", "pull_request-opened",
                        p -> {
                            pr(p).put("updated_at", "1999-12-31T23:59:59Z");
                            return p;
                        }, "pull_request.updated_at"),
                github("merged_at in year 275760", "pull_request", merged,
                        p -> {
                            pr(p).put("merged_at", "+275760-09-13T00:00:00Z");
                            return p;
                        }, "pull_request.merged_at"),
                github("NUL in a PR label", "pull_request", "pull_request-labeled", p -> {
                    ((ObjectNode) pr(p).withArray("labels").get(0)).put("name", "bug\u0000");
                    return p;
                }, "pull_request.labels[0].name"),
                github("101-character label of a labeled event", "pull_request", "pull_request-labeled",
                        p -> {
                            ((ObjectNode) p.get("label")).put("name", repeat("l", 101));
                            return p;
                        }, "label.name"),
                github("80-character merge commit SHA", "pull_request", merged,
                        p -> {
                            pr(p).put("merge_commit_sha", repeat("a", 80));
                            return p;
                        },
                        "pull_request.merge_commit_sha"),
                github("review submitted in 2101", "pull_request_review", "pull_request_review-submitted",
                        p -> {
                            ((ObjectNode) p.get("review")).put("submitted_at", "2101-01-01T00:00:00Z");
                            return p;
                        },
                        "review.submitted_at"),
                github("issue closed_at -1e17 seconds", "issues", "issues-opened",
                        p -> {
                            ((ObjectNode) p.get("issue")).put("closed_at", -1e17);
                            return p;
                        }, "issue.closed_at"),
                github("NUL in a deployment environment", "deployment_status", "deployment_status", p -> {
                    ((ObjectNode) p.get("deployment_status")).put("environment", "production\u0000");
                    return p;
                }, "deployment_status.environment"),
                github("deployment status in 2200", "deployment_status", "deployment_status", p -> {
                    ((ObjectNode) p.get("deployment_status")).put("state", "success").put("created_at",
                            "2200-01-01T00:00:00Z");
                    return p;
                }, "deployment_status.created_at"),
                github("33-character run conclusion", "workflow_run", "workflow_run-completed",
                        p -> {
                            ((ObjectNode) p.get("workflow_run")).put("conclusion", repeat("c", 33));
                            return p;
                        },
                        "workflow_run.conclusion"),
                github("run attempt is a fraction", "workflow_run", "workflow_run-completed",
                        p -> {
                            ((ObjectNode) p.get("workflow_run")).put("run_attempt", 2.5);
                            return p;
                        },
                        "workflow_run.run_attempt"),
                github("push at 1e20 epoch seconds", "push", "push-default-branch", p -> {
                    revertPush(p);
                    ((ObjectNode) p.get("repository")).put("pushed_at", 1e20);
                    return p;
                }, "repository.pushed_at"),
                github("head commit in 1970", "push", "push-default-branch", p -> {
                    revertPush(p);
                    ((ObjectNode) p.get("repository")).remove("pushed_at");
                    ((ObjectNode) p.get("head_commit")).put("timestamp", "1970-01-01T00:00:00Z");
                    return p;
                }, "head_commit.timestamp"),
                github("256-character PR head branch", "pull_request", "pull_request-opened", p -> {
                    ((ObjectNode) pr(p).get("head")).put("ref", repeat("h", 256));
                    return p;
                }, "pull_request.head.ref"),
                github("NUL in a PR head branch", "pull_request", "pull_request-opened", p -> {
                    ((ObjectNode) pr(p).get("head")).put("ref", "main\u0000");
                    return p;
                }, "pull_request.head.ref"),
                github("80-character PR head SHA", "pull_request", "pull_request-opened", p -> {
                    ((ObjectNode) pr(p).get("head")).put("sha", repeat("a", 80));
                    return p;
                }, "pull_request.head.sha"),
                github("256-character pushed branch", "push", "push-default-branch", p -> {
                    p.put("ref", "refs/heads/" + repeat("b", 256));
                    return p;
                }, "ref"),
                github("commit id with a slash", "push", "push-default-branch", p -> {
                    ((ObjectNode) p.withArray("commits").get(0)).put("id", "89fa4c2d/../x");
                    return p;
                }, "commits[0].id"),
                github("commit in 1999", "push", "push-default-branch", p -> {
                    ((ObjectNode) p.withArray("commits").get(0)).put("timestamp", "1999-12-31T23:59:59Z");
                    return p;
                }, "commits[0].timestamp"),
                github("2,049 commits in a push", "push", "push-default-branch", p -> {
                    ObjectNode c = (ObjectNode) p.withArray("commits").get(0);
                    for (int i = 1; i < 2049; i++) {
                        p.withArray("commits").add(c.deepCopy().put("id", String.format("%040x", i)));
                    }
                    return p;
                }, "commits"),
                github("65-character deployment SHA", "deployment_status", "deployment_status", p -> {
                    ((ObjectNode) p.get("deployment")).put("sha", repeat("f", 65));
                    return p;
                }, "deployment.sha"),
                github("repository name of 201 characters", "pull_request", "pull_request-opened", p -> {
                    ((ObjectNode) p.get("repository")).put("full_name", repeat("o", 100) + "/" + repeat("n", 100));
                    return p;
                }, "repository.full_name"),
                new Case("101-character delivery id", "ping", "application/json", json(fixture("ping")),
                        repeat("d", 101), 400, "X-GitHub-Delivery", null),
                // --- GitHub: form-encoded deliveries -----------------------------------------------------------------
                githubRaw("form payload %ZZ", "ping", FORM, "payload=%ZZ", "payload"),
                githubRaw("form payload with a cut escape", "ping", FORM, "payload=%7B%E0%A4%A", "payload"),
                githubRaw("form payload not UTF-8", "ping", FORM, "payload=%7B%22zen%22%3A%22%C3%28%22%7D", "payload"),
                githubRaw("form without payload", "ping", FORM, "zen=hello", "payload"),
                githubRaw("form payload with trailing content", "ping", FORM,
                        payload(new String(json(fixture("ping")), StandardCharsets.UTF_8) + "]"), "body"),

                // --- Slack: forms ----------------------------------------------------------------------------------
                slack("command text with a cut escape", FORM, command("%E0%A4%A"), 400, "text"),
                slack("command text not UTF-8", FORM, command("cost-per-pr%C3%28"), 400, "text"),
                slack("NUL in command text", FORM, command("cost-per-pr%00"), 400, "text"),
                slack("payload %ZZ", FORM, "payload=%ZZ", 400, "payload"),
                slack("payload is not JSON", FORM, payload("{\"type\":\"block_actions\""), 400, "payload"),
                slack("payload is an array", FORM, payload("[]"), 400, "payload"),
                slack("payload type is an object", FORM, payload("{\"type\":{\"a\":1}}"), 400, "payload.type"),
                slack("payload with trailing content", FORM, payload("{\"type\":\"block_actions\",\"actions\":[]}}"),
                        400, "payload"),
                slack("view submission without a view", FORM, payload("{\"type\":\"view_submission\"}"), 400,
                        "payload.view"),
                slack("field name with a broken escape", FORM, "comm%and=%2Ftokenwise", 400, "body"),
                slack("65-character channel id in a command", FORM,
                        command("help").replace("channel_id=C0HOSTILE", "channel_id=C" + repeat("X", 64)), 400,
                        "channel_id"),
                slack("block actions without actions", FORM, payload("{\"type\":\"block_actions\",\"user\":"
                        + "{\"id\":\"U0HOSTILE\"}}"), 400, "payload.actions"),
                slack("block action without action_id", FORM, payload("{\"type\":\"block_actions\",\"actions\":"
                        + "[{\"type\":\"button\",\"value\":\"x\"}]}"), 400, "payload.actions[0].action_id"),
                slack("65-character user id in an action", FORM, payload("{\"type\":\"block_actions\",\"user\":"
                        + "{\"id\":\"U" + repeat("X", 64) + "\"},\"actions\":[{\"action_id\":\"tokenwise_share\","
                        + "\"type\":\"button\",\"value\":\"x\"}]}"), 400, "payload.user.id"),
                slack("NUL in an action's message ts", FORM, payload("{\"type\":\"block_actions\",\"container\":"
                        + "{\"message_ts\":\"1700000000.0\\u0000\"},\"actions\":[{\"action_id\":\"tokenwise_share\","
                        + "\"type\":\"button\",\"value\":\"x\"}]}"), 400, "payload.container.message_ts"),
                // --- Slack: Events API JSON --------------------------------------------------------------------------
                slack("event callback without its event", "application/json", "{\"type\":\"event_callback\"}", 400,
                        "event"),
                slack("event body is an array", "application/json", "[{\"type\":\"event_callback\"}]", 400, "body"),
                slack("event with trailing content", "application/json",
                        "{\"type\":\"url_verification\",\"challenge\":\"x\"}}}", 400, "body"),
                slack("event type missing", "application/json", "{\"challenge\":\"x\"}", 400, "type"),
                slack("block action nobody handles", FORM, payload("{\"type\":\"block_actions\",\"user\":{\"id\":"
                        + "\"U0HOSTILE\"},\"team\":{\"id\":\"T0TEST\"},\"actions\":[{\"action_id\":\"no_such_action\","
                        + "\"type\":\"button\",\"value\":\"x\"}]}"), 404, null),

                // --- valid boundaries: stored ------------------------------------------------------------------------
                new Case("PR updated at the end of 2100 with a 100-character label", "pull_request", "application/json",
                        json(boundaryPr()), id(), 202, null, t -> {
                            assertEquals(1, t.db.count("SELECT COUNT(*) FROM gh_pull_request WHERE id = 97100001 "
                                    + "AND head_ref = ? AND head_sha = ?", repeat("h", 255), repeat("a", 64)));
                            assertEquals(1, t.db.count("SELECT COUNT(*) FROM gh_label WHERE item_kind = 'pr' "
                                    + "AND item_id = 97100001 AND name = ?", repeat("l", 100)));
                        }),
                new Case("push of 2,048 commits to a 255-character branch", "push", "application/json",
                        json(boundaryPush()), id(), 202, null, t -> {
                            assertEquals(2048, t.db.count("SELECT COUNT(*) FROM gh_commit WHERE repo = ? AND branch = ?",
                                    REPO, repeat("b", 255)));
                        }),
                new Case("form-encoded ping", "ping", FORM, bytes(payload(new String(json(fixture("ping")),
                        StandardCharsets.UTF_8))), "hostile-form-ping-" + UUID.randomUUID(), 202, null,
                        t -> {
                            /* the delivery id is checked for every GitHub case below */ }),
                new Case("Slack url_verification", null, "application/json",
                        bytes("{\"type\":\"url_verification\",\"challenge\":\"hostile-challenge\"}"), null, 200, null,
                        t -> {
                            /* the answer is checked in the test */ }));
    }

    static void revertPush(ObjectNode p) {
        ((ObjectNode) p.get("head_commit")).put("message", "Revert \"Add caching\"");
    }

    static ObjectNode boundaryPush() {
        ObjectNode p = fixture("push-default-branch");
        p.put("ref", "refs/heads/" + repeat("b", 255));
        ObjectNode c = (ObjectNode) p.withArray("commits").get(0);
        c.put("timestamp", "2100-12-31T23:59:59Z");
        for (int i = 1; i < 2048; i++) {
            p.withArray("commits").add(c.deepCopy().put("id", String.format("%064x", i)));
        }
        return p;
    }

    static ObjectNode boundaryPr() {
        ObjectNode p = fixture("pull_request-labeled");
        ObjectNode pr = pr(p);
        pr.put("id", 97100001L).put("number", 9710).put("updated_at", "2100-12-31T23:59:59Z");
        ((ObjectNode) pr.get("head")).put("ref", repeat("h", 255)).put("sha", repeat("A", 64));
        ((ObjectNode) pr.withArray("labels").get(0)).put("name", repeat("l", 100));
        ((ObjectNode) p.get("label")).put("name", repeat("l", 100));
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileWebhookInput(Case c) {
        Map<String, Long> before = counts();
        Response r = c.event() != null ? postGitHub(c) : postSlack(c);
        r.then().statusCode(c.status());
        if (c.stored() == null) {
            r.then().contentType("application/problem+json").body("status", equalTo(c.status()));
            if (c.field() != null) {
                r.then().body("errors.field", contains(c.field()));
            }
            assertEquals(before, counts(), "a refused request changed what is stored");
        } else {
            c.stored().accept(this);
            if (c.event() == null) {
                assertEquals("hostile-challenge", r.asString());
            }
        }
        if (c.deliveryId() != null) {
            assertEquals(c.stored() == null ? 0 : 1,
                    db.count("SELECT COUNT(*) FROM github_delivery WHERE delivery_id = ?", c.deliveryId()));
        }
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, db.count("SELECT COUNT(*) FROM " + t)));
        return counts;
    }

    static Response postGitHub(Case c) {
        // REST Assured encodes only String form bodies itself; every form body here is ASCII, so its String is
        // exactly the signed bytes.
        RequestSpecification spec = FORM.equals(c.contentType())
                ? SlackRequests.unsigned(FORM, new String(c.body(), StandardCharsets.US_ASCII))
                : given().contentType(c.contentType()).body(c.body());
        return spec.header("X-GitHub-Event", c.event()).header("X-GitHub-Delivery", c.deliveryId())
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(GITHUB_SECRET, c.body())))
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .post("/webhooks/github");
    }

    static Response postSlack(Case c) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String body = new String(c.body(), StandardCharsets.UTF_8);
        return SlackRequests.unsigned(c.contentType(), body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .post("/slack/events");
    }

    /** GitHub's signature, computed here independently of the service's own verifier. */
    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
