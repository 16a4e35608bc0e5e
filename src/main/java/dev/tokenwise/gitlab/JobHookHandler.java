package dev.tokenwise.gitlab;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.Payloads;
import dev.tokenwise.github.WorkflowRunHandler;

/**
 * {@code Job Hook}: a finished job with {@code retries_count} > 0 marks its pipeline as re-run — a second attempt of
 * the pipeline's workflow run, completed at the job's {@code build_finished_at} (docs/contract.md §6.5). A pipeline
 * counts as re-run once however many of its jobs were retried, like a GitHub run re-run once.
 */
@ApplicationScoped
public class JobHookHandler implements GitLabHookHandler {

    /** The attempt that marks a re-run; the pipeline's own record is attempt 1. */
    static final int RERUN = 2;

    private final WorkflowRunHandler runs;

    public JobHookHandler(WorkflowRunHandler runs) {
        this.runs = runs;
    }

    @Override
    public Set<String> events() {
        return Set.of("Job Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return p.retriesCount() != null && p.retriesCount() > 0
                && PipelineHookHandler.CONCLUSIONS.containsKey(p.buildStatus());
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayloadLimits.id(errors, "pipeline_id", p.pipelineId());
        GitLabPayloadLimits.time(errors, "build_finished_at", p.buildFinishedAt());
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        Payloads.require(p.pipelineId() != null && p.buildFinishedAt() != null, "pipeline_id",
                "finished jobs carry pipeline_id and build_finished_at");
        runs.handle(new GitHubEvent("completed", e.repo(), e.team(), PipelineHookHandler.run(
                GitLabIds.of(p.pipelineId()), RERUN, PipelineHookHandler.CONCLUSIONS.get(p.buildStatus()),
                GitLabPayloadLimits.instant(p.buildFinishedAt()))));
    }
}
