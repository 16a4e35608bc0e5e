package dev.tokenwise.github;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code workflow_run} (completed): keeps each attempt of a run once, for the rerun ratio (docs/contract.md §6). */
@ApplicationScoped
public class WorkflowRunHandler implements GitHubEventHandler {

    private final PipelineRepository pipeline;

    public WorkflowRunHandler(PipelineRepository pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public String event() {
        return "workflow_run";
    }

    @Override
    public boolean takes(String action) {
        return "completed".equals(action);
    }

    @Override
    public void handle(GitHubEvent e) {
        GitHubPayload.WorkflowRun run = e.payload().workflowRun();
        Payloads.require(run != null && run.id() != null && run.updatedAt() != null, "workflow_run",
                "must carry id and updated_at");
        pipeline.insertWorkflowRun(run.id(), run.runAttempt() == null ? 1 : run.runAttempt(), e.repo(), e.team(),
                run.conclusion() == null ? null : Payloads.truncate(run.conclusion(), GitHubPayloadLimits.CONCLUSION),
                run.updatedAt());
    }
}
