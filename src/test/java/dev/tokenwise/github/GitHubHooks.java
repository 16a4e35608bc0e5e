package dev.tokenwise.github;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Builds deliveries from the real payloads under {@code payloads/github/} (repository, ids, numbers and times
 * adapted per scenario) and posts them to {@code /webhooks/github} signed exactly as GitHub signs: HMAC-SHA256 of
 * the body bytes under the test profile's secret.
 */
public final class GitHubHooks {

    public static final String SECRET = "test-github-webhook-secret";
    public static final ObjectMapper JSON = new ObjectMapper();

    private GitHubHooks() {
    }

    public static ObjectNode fixture(String name) {
        try (InputStream in = GitHubHooks.class.getResourceAsStream("/payloads/github/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a signed delivery with a fresh delivery id. */
    public static Response post(String event, ObjectNode payload) {
        return post(event, UUID.randomUUID().toString(), payload);
    }

    public static Response post(String event, String deliveryId, ObjectNode payload) {
        byte[] body = bytes(payload);
        return given().header("X-GitHub-Event", event).header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", new GitHubSignature(SECRET).sign(body))
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .contentType("application/json").body(body).post("/webhooks/github");
    }

    /**
     * Sets the delivery's repository, and a pull request's head and base repositories with it: a branch of the same
     * repository, as most PRs are (a fork's PR sets its head repository again).
     */
    public static void repo(ObjectNode payload, String fullName) {
        ObjectNode repo = (ObjectNode) payload.get("repository");
        repo.put("full_name", fullName);
        repo.put("name", fullName.substring(fullName.indexOf('/') + 1));
        if (payload.get("pull_request") instanceof ObjectNode pr) {
            for (String side : new String[] { "head", "base" }) {
                if (pr.get(side) instanceof ObjectNode s && s.get("repo") instanceof ObjectNode r) {
                    r.put("full_name", fullName);
                    r.put("name", fullName.substring(fullName.indexOf('/') + 1));
                }
            }
        }
    }

    public static ArrayNode labels(String... names) {
        ArrayNode labels = JSON.createArrayNode();
        for (String name : names) {
            labels.addObject().put("id", name.hashCode()).put("name", name).put("color", "d73a4a");
        }
        return labels;
    }

    /** A pull_request delivery from the fixture for {@code action}, with the PR's identity and state set. */
    public static ObjectNode pullRequest(String fixture, String action, String repo, long id, int number, String author,
            String title, String createdAt, String updatedAt, String mergedAt, String mergeSha, String... labels) {
        ObjectNode p = fixture(fixture);
        p.put("action", action);
        p.put("number", number);
        repo(p, repo);
        setPr((ObjectNode) p.get("pull_request"), id, number, author, title, createdAt, updatedAt, mergedAt, mergeSha,
                labels);
        return p;
    }

    public static void setPr(ObjectNode pr, long id, int number, String author, String title, String createdAt,
            String updatedAt, String mergedAt, String mergeSha, String... labels) {
        pr.put("id", id);
        pr.put("number", number);
        pr.put("title", title);
        ((ObjectNode) pr.get("user")).put("login", author);
        pr.put("created_at", createdAt);
        pr.put("updated_at", updatedAt);
        pr.put("merged_at", mergedAt);
        pr.put("closed_at", mergedAt);
        pr.put("merged", mergedAt != null);
        pr.put("state", mergedAt != null ? "closed" : "open");
        pr.put("merge_commit_sha", mergeSha);
        pr.set("labels", labels(labels));
    }

    public static ObjectNode commit(String id, String message, String timestamp) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("tree_id", id).put("distinct", true).put("message", message).put("timestamp", timestamp);
        return c;
    }

    /** The real push payload (payloads/github/push-default-branch.json) with its ref, time and commits set. */
    public static ObjectNode push(String repo, String ref, Long pushedAt, ObjectNode... commits) {
        ObjectNode p = fixture("push-default-branch");
        repo(p, repo);
        p.put("ref", ref);
        ObjectNode r = (ObjectNode) p.get("repository");
        if (pushedAt == null) {
            r.remove("pushed_at");
        } else {
            r.put("pushed_at", pushedAt);
        }
        ArrayNode list = p.putArray("commits");
        for (ObjectNode c : commits) {
            ObjectNode full = ((ObjectNode) p.get("head_commit")).deepCopy();
            full.setAll(c);
            list.add(full);
        }
        p.set("head_commit", list.get(list.size() - 1).deepCopy());
        p.put("after", commits[commits.length - 1].get("id").asText());
        return p;
    }

    /** The real pull_request opened payload with identity, body and head set. */
    public static ObjectNode pr(String repo, long id, int number, String login, String title, String body, String updatedAt,
            String headRef, String headSha) {
        ObjectNode p = pullRequest("pull_request-opened", "opened", repo, id, number, login, title,
                "2026-01-05T08:00:00Z", updatedAt, null, null);
        ObjectNode pr = (ObjectNode) p.get("pull_request");
        pr.put("body", body);
        ((ObjectNode) pr.get("user")).put("type", login.endsWith("[bot]") || "Copilot".equals(login) ? "Bot" : "User");
        ((ObjectNode) pr.get("head")).put("ref", headRef).put("sha", headSha);
        return p;
    }
}
