package dev.tokenwise.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.Payloads;
import dev.tokenwise.github.WorkflowRunHandler;

/**
 * {@code Pipeline Hook}, finished ({@code success}, {@code failed}, {@code canceled}): the first attempt of a workflow
 * run keyed by the negated pipeline id, completed at {@code finished_at} (docs/contract.md §6.5). A pipeline that
 * finishes again after a retried job keeps its first record; the retry is marked by {@link JobHookHandler}.
 */
@ApplicationScoped
public class PipelineHookHandler implements GitLabHookHandler {

    /** GitLab's finished statuses → GitHub's conclusions. */
    static final Map<String, String> CONCLUSIONS = Map.of("success", "success", "failed", "failure", "canceled",
            "cancelled");

    private final WorkflowRunHandler runs;

    public PipelineHookHandler(WorkflowRunHandler runs) {
        this.runs = runs;
    }

    @Override
    public Set<String> events() {
        return Set.of("Pipeline Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return p.objectAttributes() != null && CONCLUSIONS.containsKey(p.objectAttributes().status());
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayloadLimits.id(errors, "object_attributes.id", p.objectAttributes().id());
        GitLabPayloadLimits.time(errors, "object_attributes.finished_at", p.objectAttributes().finishedAt());
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload.ObjectAttributes a = e.payload().objectAttributes();
        Payloads.require(a.id() != null && a.finishedAt() != null, "object_attributes",
                "finished pipelines carry id and finished_at");
        runs.handle(new GitHubEvent("completed", e.repo(), e.team(), run(GitLabIds.of(a.id()), 1,
                CONCLUSIONS.get(a.status()), GitLabPayloadLimits.instant(a.finishedAt()))));
    }

    static GitHubPayload run(long id, int attempt, String conclusion, Instant completedAt) {
        return new GitHubPayload("completed", null, null, null, null, null, null, null,
                new GitHubPayload.WorkflowRun(id, attempt, conclusion, completedAt), null, null, null);
    }
}
