package dev.tokenwise.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;

/**
 * One team and repository of a DORA test and the deliveries that feed it, built from GitHub's real payloads
 * (payloads/github/) and kept in a list, so a test can post them in order, in reverse, or twice. Ids are drawn at
 * random per scenario, so scenarios never share a record.
 */
final class DoraScenario {

    /** A delivery: its event, its id (a redelivery reuses it) and its payload. */
    record Delivery(String event, String id, ObjectNode payload) {
    }

    final String team;
    final String repo;
    final List<Delivery> deliveries = new ArrayList<>();
    private final long base;

    DoraScenario(String prefix, String teamJson) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        team = prefix + "-" + tag;
        repo = "dora-org/" + prefix + "-" + tag;
        base = 5_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000;
        Api.team(team, teamJson);
        Api.repo(repo, team);
    }

    /** A 40-hex sha unique to this scenario: {@code name} padded with the scenario's base. */
    String sha(String name) {
        String hex = Long.toHexString(base) + Integer.toHexString(name.hashCode());
        return (hex + "0".repeat(40)).substring(0, 40);
    }

    /** A PR merged at {@code merged} with merge commit {@code mergeSha}, its head {@code headSha} on {@code ref}. */
    DoraScenario merged(int number, String author, String title, String body, String created, String merged,
            String mergeSha, String ref, String headSha, String... labels) {
        ObjectNode p = GitHubHooks.pullRequest("pull_request-closed-merged", "closed", repo, base + number, number,
                author, title, created, merged, merged, mergeSha, labels);
        ObjectNode pr = (ObjectNode) p.get("pull_request");
        pr.put("body", body);
        ((ObjectNode) pr.get("head")).put("ref", ref).put("sha", headSha);
        return add("pull_request", p);
    }

    /** A push of one commit to {@code branch} at {@code pushedAt}. */
    DoraScenario push(String branch, String pushedAt, String sha, String message, String committed) {
        return add("push", GitHubHooks.push(repo, "refs/heads/" + branch, Instant.parse(pushedAt).getEpochSecond(),
                GitHubHooks.commit(sha, message, committed)));
    }

    /** A production (or other) deployment status of the deployment of {@code sha}. */
    DoraScenario deployment(int n, String state, String environment, String at, String sha) {
        ObjectNode p = GitHubHooks.fixture("deployment_status");
        GitHubHooks.repo(p, repo);
        ObjectNode s = (ObjectNode) p.get("deployment_status");
        s.put("id", base + 500 + n);
        s.put("state", state);
        s.put("environment", environment);
        s.put("created_at", at);
        s.put("updated_at", at);
        ((ObjectNode) p.get("deployment")).put("id", base + 700 + n).put("environment", environment).put("sha", sha);
        return add("deployment_status", p);
    }

    DoraScenario issue(int number, String created) {
        ObjectNode p = GitHubHooks.fixture("issues-opened");
        GitHubHooks.repo(p, repo);
        ObjectNode i = (ObjectNode) p.get("issue");
        i.put("id", base + 300 + number);
        i.put("number", number);
        i.put("created_at", created);
        i.put("updated_at", created);
        i.set("labels", GitHubHooks.labels());
        return add("issues", p);
    }

    private DoraScenario add(String event, ObjectNode payload) {
        deliveries.add(new Delivery(event, UUID.randomUUID().toString(), payload));
        return this;
    }

    void post(List<Delivery> list) {
        for (Delivery d : list) {
            GitHubHooks.post(d.event(), d.id(), d.payload()).then().statusCode(202);
        }
    }
}
