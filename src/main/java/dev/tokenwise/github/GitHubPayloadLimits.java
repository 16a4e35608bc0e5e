package dev.tokenwise.github;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * The bounds of what a delivery may store, checked before anything is written: every time the delivery's event
 * stores is within 2000–2100, every stored name fits its column and has no control character (PostgreSQL cannot
 * store a NUL), and commit SHAs are what GitHub sends. A real GitHub delivery always passes; anything else is a
 * 400 naming the field and nothing of the delivery is stored (not even its id, so a fixed redelivery is taken).
 */
final class GitHubPayloadLimits {

    /** gh_label.name; GitHub's own limit is 50. */
    static final int LABEL = 100;
    /** gh_deployment_status.environment; GitHub's own limit is 255. */
    static final int ENVIRONMENT = 255;
    /** gh_workflow_run.conclusion; GitHub's conclusions are short words (success, timed_out, ...). */
    static final int CONCLUSION = 32;
    /** A commit SHA: 40 hex digits (SHA-1) or 64 (SHA-256); letters and digits up to 64 are kept as given. */
    static final Pattern SHA = Pattern.compile("[0-9A-Za-z]{1,64}");

    private GitHubPayloadLimits() {
    }

    static void check(String event, GitHubPayload p) {
        List<Problem.Violation> errors = new ArrayList<>();
        switch (event) {
            case "pull_request" -> {
                pullRequest(errors, p.pullRequest());
                label(errors, "label.name", p.label());
            }
            case "pull_request_review" -> {
                if (p.review() != null) {
                    InputLimits.time(errors, "review.submitted_at", p.review().submittedAt());
                }
                pullRequest(errors, p.pullRequest());
            }
            case "issues" -> {
                GitHubPayload.Issue i = p.issue();
                if (i != null) {
                    InputLimits.time(errors, "issue.created_at", i.createdAt());
                    InputLimits.time(errors, "issue.updated_at", i.updatedAt());
                    InputLimits.time(errors, "issue.closed_at", i.closedAt());
                    labels(errors, "issue.labels", i.labels());
                }
                label(errors, "label.name", p.label());
            }
            case "deployment_status" -> {
                GitHubPayload.DeploymentStatus s = p.deploymentStatus();
                if (s != null) {
                    InputLimits.time(errors, "deployment_status.created_at", s.createdAt());
                    if (s.environment() != null) {
                        InputLimits.name(errors, "deployment_status.environment", s.environment(), ENVIRONMENT);
                    }
                }
                if (p.deployment() != null && p.deployment().environment() != null) {
                    InputLimits.name(errors, "deployment.environment", p.deployment().environment(), ENVIRONMENT);
                }
            }
            case "workflow_run" -> {
                GitHubPayload.WorkflowRun run = p.workflowRun();
                if (run != null) {
                    InputLimits.time(errors, "workflow_run.updated_at", run.updatedAt());
                    if (run.conclusion() != null) {
                        InputLimits.name(errors, "workflow_run.conclusion", run.conclusion(), CONCLUSION);
                    }
                    if (run.runAttempt() != null && run.runAttempt() < 1) {
                        errors.add(new Problem.Violation(null, "workflow_run.run_attempt", "must be 1 or more"));
                    }
                }
            }
            case "push" -> push(errors, p);
            default -> {
                // ping and unused events store nothing but the delivery id.
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The delivery has " + errors.size()
                    + " value(s) Tokenwise cannot store; nothing of it was stored.", errors);
        }
    }

    private static void pullRequest(List<Problem.Violation> errors, GitHubPayload.PullRequest pr) {
        if (pr == null) {
            return;
        }
        InputLimits.time(errors, "pull_request.created_at", pr.createdAt());
        InputLimits.time(errors, "pull_request.updated_at", pr.updatedAt());
        InputLimits.time(errors, "pull_request.merged_at", pr.mergedAt());
        sha(errors, "pull_request.merge_commit_sha", pr.mergeCommitSha());
        labels(errors, "pull_request.labels", pr.labels());
    }

    private static void push(List<Problem.Violation> errors, GitHubPayload p) {
        GitHubPayload.Commit head = p.headCommit();
        if (head != null) {
            sha(errors, "head_commit.id", head.id());
            OffsetDateTime t = head.timestamp();
            InputLimits.time(errors, "head_commit.timestamp", t == null ? null : t.toInstant());
        }
        JsonNode pushedAt = p.repository() == null ? null : p.repository().pushedAt();
        if (pushedAt != null && pushedAt.isNumber()) {
            // Epoch seconds: a fraction or a value beyond a long is as wrong as a year outside 2000–2100.
            boolean ok = pushedAt.isIntegralNumber() && pushedAt.canConvertToLong()
                    && pushedAt.asLong() >= InputLimits.FIRST_INSTANT.getEpochSecond()
                    && pushedAt.asLong() < InputLimits.END_INSTANT.getEpochSecond();
            if (!ok) {
                errors.add(new Problem.Violation(null, "repository.pushed_at",
                        "must be whole epoch seconds between 2000-01-01 and 2100-12-31"));
            }
        }
    }

    private static void sha(List<Problem.Violation> errors, String field, String sha) {
        if (sha != null && !SHA.matcher(sha).matches()) {
            errors.add(new Problem.Violation(null, field, "must be a commit SHA (hex digits, at most 64)"));
        }
    }

    private static void labels(List<Problem.Violation> errors, String field, List<GitHubPayload.Label> labels) {
        if (labels == null) {
            return;
        }
        for (int i = 0; i < labels.size(); i++) {
            GitHubPayload.Label l = labels.get(i);
            if (l != null && l.name() != null && !l.name().isBlank()) {
                InputLimits.name(errors, field + "[" + i + "].name", l.name(), LABEL);
            }
        }
    }

    private static void label(List<Problem.Violation> errors, String field, GitHubPayload.Label label) {
        if (label != null && label.name() != null && !label.name().isBlank()) {
            InputLimits.name(errors, field, label.name(), LABEL);
        }
    }
}
