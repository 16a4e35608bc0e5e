package dev.tokenwise.gitlab;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a GitLab webhook payload Tokenwise reads, for every hook it uses (one envelope: each hook fills its own
 * members; everything else is never bound). Times are bound as text because GitLab writes them in several forms
 * ({@link GitLabTime}). {@code environment} is a name in deployment hooks and an object in job hooks: kept raw. Titles,
 * descriptions, note bodies and commit messages are bound only to derive facts at ingest
 * (revert, AI marker, closed issues) and are never stored or logged; a note's own text is not even bound.
 */
public record GitLabPayload(String objectKind, User user, Project project, Repository repository,
        ObjectAttributes objectAttributes, List<Label> labels, Changes changes, MergeRequest mergeRequest,
        String status, String statusChangedAt, Long deploymentId, JsonNode environment, String commitUrl,
        String buildStatus, String buildFinishedAt, Integer retriesCount, Long pipelineId, String ref, String after,
        String checkoutSha, List<Commit> commits) {

    /** The environment's name of a deployment hook; null when absent or not a name. */
    String environmentName() {
        return environment != null && environment.isTextual() ? environment.textValue() : null;
    }

    public record User(Long id, String username) {
    }

    /** {@code path_with_namespace} is the repository key: {@code group/subgroup/name}. */
    public record Project(Long id, String pathWithNamespace, String defaultBranch) {
    }

    /** Job payloads of older GitLab versions name the project only through its home page. */
    public record Repository(String homepage) {
    }

    public record Label(String title) {
    }

    /**
     * The hook's object: a merge request, an issue, a note or a pipeline, each filling its own members. Booleans and
     * ids are boxed: absent is not false or 0.
     */
    public record ObjectAttributes(Long id, Integer iid, Long authorId, String createdAt, String updatedAt,
            String mergedAt, String closedAt, String finishedAt, String state, String action, String status,
            String title, String description, String mergeCommitSha, String squashCommitSha, String sourceBranch,
            Long sourceProjectId, Long targetProjectId, Commit lastCommit, List<Label> labels, String noteableType,
            Boolean system) {
    }

    /** A change of a merge request's attribute, as its update delivery reports it. */
    public record Change(JsonNode previous, JsonNode current) {

        /** The attribute went from true to false (a draft became ready). */
        boolean turnedFalse() {
            return previous != null && previous.isBoolean() && previous.booleanValue() && current != null
                    && current.isBoolean() && !current.booleanValue();
        }
    }

    public record Changes(Change draft, Change workInProgress) {
    }

    /** The merge request a note is on. */
    public record MergeRequest(Long id, Integer iid, Long authorId) {
    }

    public record Commit(String id, String message, String timestamp) {
    }
}
