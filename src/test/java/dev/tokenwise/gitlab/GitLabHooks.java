package dev.tokenwise.gitlab;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Deliveries built from the real payloads under {@code payloads/gitlab/} (see SOURCES.md there), posted to
 * {@code /webhooks/gitlab} as GitLab posts them: {@code X-Gitlab-Token} with the test profile's secret, the hook in
 * {@code X-Gitlab-Event} and a delivery UUID in {@code X-Gitlab-Event-UUID}; and rows read back as text.
 */
final class GitLabHooks {

    static final String TOKEN = "test-gitlab-webhook-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String MR = "Merge Request Hook";
    static final String NOTE = "Note Hook";
    static final String PIPELINE = "Pipeline Hook";
    static final String JOB = "Job Hook";
    static final String DEPLOYMENT = "Deployment Hook";
    static final String ISSUE = "Issue Hook";
    static final String PUSH = "Push Hook";

    private GitLabHooks() {
    }

    static ObjectNode fixture(String name) {
        try (InputStream in = GitLabHooks.class.getResourceAsStream("/payloads/gitlab/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response post(String event, ObjectNode payload) {
        return post(event, UUID.randomUUID().toString(), payload);
    }

    static Response post(String event, String uuid, ObjectNode payload) {
        return given().header("X-Gitlab-Event", event).header("X-Gitlab-Event-UUID", uuid)
                .header("X-Gitlab-Token", TOKEN).header("User-Agent", "GitLab/17.6.0")
                .contentType("application/json").body(bytes(payload)).post("/webhooks/gitlab");
    }

    /** Sets {@code project.path_with_namespace} (the repository key). */
    static ObjectNode project(ObjectNode payload, String path) {
        ((ObjectNode) payload.get("project")).put("path_with_namespace", path);
        return payload;
    }

    static ObjectNode attrs(ObjectNode payload) {
        return (ObjectNode) payload.get("object_attributes");
    }

    /**
     * The open merge request of merge_request.json as merge request {@code id} (iid {@code iid}) of {@code path} by
     * user {@code author}, with {@code action}, times and labels set.
     */
    static ObjectNode mergeRequest(String path, String action, long id, int iid, long author, String createdAt,
            String updatedAt, String... labels) {
        ObjectNode p = project(fixture("merge_request"), path);
        ObjectNode a = attrs(p);
        a.put("id", id).put("iid", iid).put("author_id", author).put("action", action).put("created_at", createdAt)
                .put("updated_at", updatedAt);
        a.put("state", "merge".equals(action) ? "merged" : "close".equals(action) ? "closed" : "opened");
        a.put("source_branch", "feature-" + iid).put("title", "Change " + iid);
        ArrayNode l = JSON.createArrayNode();
        for (String name : labels) {
            l.addObject().put("id", name.hashCode()).put("title", name).put("color", "#ffffff");
        }
        p.set("labels", l);
        a.set("labels", l.deepCopy());
        p.remove("changes");
        return p;
    }

    /** The merge delivery of a merge request: {@code merged_at} absent, as in group_merge_request.json. */
    static ObjectNode merged(String path, long id, int iid, long author, String createdAt, String mergedAt,
            String mergeSha, String... labels) {
        ObjectNode p = mergeRequest(path, "merge", id, iid, author, createdAt, mergedAt, labels);
        attrs(p).put("merge_commit_sha", mergeSha);
        return p;
    }

    /** A user (by id) acting in the delivery: the approver of an approved delivery. */
    static ObjectNode actor(ObjectNode payload, long userId) {
        ((ObjectNode) payload.get("user")).put("id", userId);
        return payload;
    }

    /** note_merge_request.json as note {@code noteId} by {@code author} on merge request {@code mrId}. */
    static ObjectNode note(String path, long noteId, long author, String createdAt, long mrId, int iid,
            long mrAuthor) {
        ObjectNode p = project(fixture("note_merge_request"), path);
        attrs(p).put("id", noteId).put("author_id", author).put("created_at", createdAt).put("updated_at", createdAt);
        ((ObjectNode) p.get("user")).put("id", author);
        ((ObjectNode) p.get("merge_request")).put("id", mrId).put("iid", iid).put("author_id", mrAuthor);
        return p;
    }

    static ObjectNode deployment(String path, long id, String status, String environment, String at) {
        ObjectNode p = project(fixture("deployment"), path);
        p.put("deployment_id", id).put("status", status).put("environment", environment).put("status_changed_at", at);
        return p;
    }

    static ObjectNode pipeline(String path, long id, String status, String finishedAt) {
        ObjectNode p = project(fixture("pipeline"), path);
        attrs(p).put("id", id).put("status", status).put("finished_at", finishedAt);
        return p;
    }

    /** job.json (which names its project only by repository.homepage) for {@code path}. */
    static ObjectNode job(String path, long pipelineId, int retries, String status, String finishedAt) {
        ObjectNode p = fixture("job");
        ((ObjectNode) p.get("repository")).put("homepage", "https://gitlab.example.com/" + path);
        p.put("pipeline_id", pipelineId).put("retries_count", retries).put("build_status", status)
                .put("build_finished_at", finishedAt);
        return p;
    }

    /** Rows of a query, each column as text; times as UTC instants ({@code 2026-11-10T09:00:00Z}). */
    static List<List<String>> rows(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Object o = rs.getObject(i);
                        if (o instanceof java.sql.Timestamp || o instanceof OffsetDateTime
                                || o != null && o.getClass().getName().contains("Timestamp")) {
                            row.add(rs.getObject(i, OffsetDateTime.class).toInstant().toString());
                        } else {
                            row.add(o == null ? null : String.valueOf(o));
                        }
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
