package dev.tokenwise.github;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * The bounds of what a delivery may store, checked before anything is written: every time the delivery's event
 * stores is within 2000–2100, every stored name fits its column and has no control character (PostgreSQL cannot
 * store a NUL), and commit SHAs are what GitHub sends. A real GitHub delivery always passes; anything else is a
 * 400 naming the field and nothing of the delivery is stored (not even its id, so a fixed redelivery is taken).
 * Each {@link GitHubEventHandler} checks the values of its event with the helpers here; the GitLab webhook
 * (dev.tokenwise.gitlab) checks its own payloads against the same bounds.
 */
public final class GitHubPayloadLimits {

    /** gh_label.name; GitHub's own limit is 50. */
    public static final int LABEL = 100;
    /** gh_deployment_status.environment; GitHub's own limit is 255. */
    public static final int ENVIRONMENT = 255;
    /** gh_workflow_run.conclusion; GitHub's conclusions are short words (success, timed_out, ...). */
    public static final int CONCLUSION = 32;
    /** gh_commit.branch and gh_pull_request.head_ref; git refs are far shorter in practice. */
    public static final int BRANCH = 255;
    /** At most this many commits per push; GitHub's push payloads list at most 2048. */
    public static final int COMMITS = 2048;
    /** A commit SHA: 40 hex digits (SHA-1) or 64 (SHA-256); letters and digits up to 64 are kept as given. */
    public static final Pattern SHA = Pattern.compile("[0-9A-Za-z]{1,64}");

    private GitHubPayloadLimits() {
    }

    /** Refuses the delivery with a 400 naming every out-of-bounds value its event's handler finds. */
    static void check(GitHubEventHandler handler, GitHubPayload p) {
        List<Problem.Violation> errors = new ArrayList<>();
        handler.checkLimits(p, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The delivery has " + errors.size()
                    + " value(s) Tokenwise cannot store; nothing of it was stored.", errors);
        }
    }

    static void pullRequest(List<Problem.Violation> errors, GitHubPayload.PullRequest pr) {
        if (pr == null) {
            return;
        }
        InputLimits.time(errors, "pull_request.created_at", pr.createdAt());
        InputLimits.time(errors, "pull_request.updated_at", pr.updatedAt());
        InputLimits.time(errors, "pull_request.merged_at", pr.mergedAt());
        sha(errors, "pull_request.merge_commit_sha", pr.mergeCommitSha());
        labels(errors, "pull_request.labels", pr.labels());
    }

    static void head(List<Problem.Violation> errors, GitHubPayload.PullRequest pr) {
        if (pr == null || pr.head() == null) {
            return;
        }
        branch(errors, "pull_request.head.ref", pr.head().ref());
        sha(errors, "pull_request.head.sha", pr.head().sha());
    }

    /** A branch name: 1 to {@link #BRANCH} characters, kept exactly, without control characters. */
    public static void branch(List<Problem.Violation> errors, String field, String branch) {
        if (branch == null) {
            return;
        }
        if (branch.isEmpty() || branch.length() > BRANCH) {
            errors.add(new Problem.Violation(null, field, "must have 1 to " + BRANCH + " characters"));
        } else if (InputLimits.hasControl(branch)) {
            errors.add(new Problem.Violation(null, field, "must not contain control characters (such as NUL)"));
        }
    }

    public static void sha(List<Problem.Violation> errors, String field, String sha) {
        if (sha != null && !SHA.matcher(sha).matches()) {
            errors.add(new Problem.Violation(null, field, "must be a commit SHA (hex digits, at most 64)"));
        }
    }

    public static void labels(List<Problem.Violation> errors, String field, List<GitHubPayload.Label> labels) {
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

    static void label(List<Problem.Violation> errors, String field, GitHubPayload.Label label) {
        if (label != null && label.name() != null && !label.name().isBlank()) {
            InputLimits.name(errors, field, label.name(), LABEL);
        }
    }
}
