package dev.tokenwise.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How GitLab records are keyed in the tables GitHub fills (docs/contract.md §6.5): those tables key pull requests,
 * reviews, issues, deployment statuses and workflow runs by a BIGINT id, and GitHub's ids are positive, so a GitLab
 * id is stored negated ({@code -id}) and the two forges never collide. An approval has no id of its own: it is keyed
 * by its merge request and approver, in a range below every negated GitLab id. People are pseudonymised from their
 * GitLab user id (payloads always carry the author's id, not always the author's username).
 */
final class GitLabIds {

    private static final long APPROVALS = 1L << 62;

    private GitLabIds() {
    }

    /** The stored key of a GitLab id (which is positive, {@link GitLabPayloadLimits#id}). */
    static long of(long gitlabId) {
        return -gitlabId;
    }

    /** The stored key of {@code approver}'s approval of merge request {@code mergeRequestId}: one per pair. */
    static long approval(long mergeRequestId, long approver) {
        long hash = UUID.nameUUIDFromBytes(("gitlab-approval:" + mergeRequestId + ":" + approver)
                .getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return -(APPROVALS | hash & APPROVALS - 1);
    }

    /** The identifier a GitLab user is pseudonymised from (never stored itself), or null when unknown. */
    static String person(Long userId) {
        return userId == null ? null : "gitlab-user:" + userId;
    }
}
