package dev.tokenwise.github;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a GitHub webhook payload Tokenwise reads, for every event it uses (one envelope: each event fills
 * its own members). Everything else in the payload is never bound. PR titles and bodies and commit messages are
 * bound only to derive facts from them at ingest (revert, AI marker, closed issues); they are never stored or logged.
 */
public record GitHubPayload(String action, Repository repository, PullRequest pullRequest, Review review,
        Issue issue, Label label, DeploymentStatus deploymentStatus, Deployment deployment, WorkflowRun workflowRun,
        String ref, String after, Commit headCommit, List<Commit> commits) {

    /** A payload without a push's commit list. */
    public GitHubPayload(String action, Repository repository, PullRequest pullRequest, Review review, Issue issue,
            Label label, DeploymentStatus deploymentStatus, Deployment deployment, WorkflowRun workflowRun,
            String ref, String after, Commit headCommit) {
        this(action, repository, pullRequest, review, issue, label, deploymentStatus, deployment, workflowRun, ref,
                after, headCommit, null);
    }

    /** {@code pushed_at} is an epoch number in push payloads and a timestamp string elsewhere: kept raw. */
    public record Repository(String fullName, String defaultBranch, JsonNode pushedAt) {
    }

    public record User(String login) {
    }

    public record Label(String name) {
    }

    public record PullRequest(Long id, Integer number, String title, User user, Instant createdAt,
            Instant updatedAt, Instant mergedAt, String mergeCommitSha, List<Label> labels, String body, Head head) {

        /** A snapshot without body and head. */
        public PullRequest(Long id, Integer number, String title, User user, Instant createdAt, Instant updatedAt,
                Instant mergedAt, String mergeCommitSha, List<Label> labels) {
            this(id, number, title, user, createdAt, updatedAt, mergedAt, mergeCommitSha, labels, null, null);
        }
    }

    /** A PR's head: its branch ({@code ref}), commit, and the repository the branch is in (a fork's, maybe). */
    public record Head(String ref, String sha, Repository repo) {

        public Head(String ref, String sha) {
            this(ref, sha, null);
        }
    }

    public record Review(Long id, User user, Instant submittedAt, String state) {
    }

    public record Issue(Long id, Integer number, User user, Instant createdAt, Instant updatedAt, Instant closedAt,
            List<Label> labels) {
    }

    public record DeploymentStatus(Long id, String state, String environment, Instant createdAt) {
    }

    public record Deployment(Long id, String environment, String sha) {

        public Deployment(Long id, String environment) {
            this(id, environment, null);
        }
    }

    public record WorkflowRun(Long id, Integer runAttempt, String conclusion, Instant updatedAt) {
    }

    public record Commit(String id, String message, OffsetDateTime timestamp) {
    }
}
