package dev.tokenwise.gitlab;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.github.GitHubPayloadLimits;

/**
 * The bounds of what a GitLab delivery may store, the same as GitHub's ({@link GitHubPayloadLimits}) under GitLab's
 * field names: times in one of GitLab's forms and within 2000–2100, names that fit their column without control
 * characters, commit SHAs, and positive ids (stored negated, {@link GitLabIds}). Anything else is a 400 naming the
 * field and nothing of the delivery is stored (not even its id, so a fixed redelivery is taken).
 */
final class GitLabPayloadLimits {

    private GitLabPayloadLimits() {
    }

    static void check(GitLabHookHandler handler, GitLabPayload p) {
        List<Problem.Violation> errors = new ArrayList<>();
        handler.checkLimits(p, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The delivery has " + errors.size()
                    + " value(s) Tokenwise cannot store; nothing of it was stored.", errors);
        }
    }

    /** The fields every merge request and issue carries: its id, times and both label lists. */
    static void trackedItem(List<Problem.Violation> errors, GitLabPayload p) {
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        id(errors, "object_attributes.id", a.id());
        time(errors, "object_attributes.created_at", a.createdAt());
        time(errors, "object_attributes.updated_at", a.updatedAt());
        labels(errors, "labels", p.labels());
        labels(errors, "object_attributes.labels", a.labels());
    }

    static void time(List<Problem.Violation> errors, String field, String value) {
        try {
            OffsetDateTime t = GitLabTime.parse(value);
            InputLimits.time(errors, field, t == null ? null : t.toInstant());
        } catch (DateTimeException e) {
            errors.add(new Problem.Violation(null, field, GitLabTime.MESSAGE));
        }
    }

    /** A time already checked by {@link #time}; null when absent. */
    static Instant instant(String value) {
        OffsetDateTime t = GitLabTime.parse(value);
        return t == null ? null : t.toInstant();
    }

    static void id(List<Problem.Violation> errors, String field, Long id) {
        if (id != null && id <= 0) {
            errors.add(new Problem.Violation(null, field, "must be a positive GitLab id"));
        }
    }

    static void sha(List<Problem.Violation> errors, String field, String sha) {
        GitHubPayloadLimits.sha(errors, field, sha);
    }

    static void branch(List<Problem.Violation> errors, String field, String branch) {
        GitHubPayloadLimits.branch(errors, field, branch);
    }

    static void name(List<Problem.Violation> errors, String field, String value, int max) {
        if (value != null) {
            InputLimits.name(errors, field, value, max);
        }
    }

    static void labels(List<Problem.Violation> errors, String field, List<GitLabPayload.Label> labels) {
        if (labels == null) {
            return;
        }
        for (int i = 0; i < labels.size(); i++) {
            GitLabPayload.Label l = labels.get(i);
            if (l != null && l.title() != null && !l.title().isBlank()) {
                InputLimits.name(errors, field + "[" + i + "].title", l.title(), GitHubPayloadLimits.LABEL);
            }
        }
    }
}
