package dev.tokenwise.github;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;

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
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayload.WorkflowRun run = p.workflowRun();
        if (run != null) {
            InputLimits.time(errors, "workflow_run.updated_at", run.updatedAt());
            if (run.conclusion() != null) {
                InputLimits.name(errors, "workflow_run.conclusion", run.conclusion(), GitHubPayloadLimits.CONCLUSION);
            }
            if (run.runAttempt() != null && run.runAttempt() < 1) {
                errors.add(new Problem.Violation(null, "workflow_run.run_attempt", "must be 1 or more"));
            }
        }
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
