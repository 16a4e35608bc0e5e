package dev.tokenwise.github;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;

/**
 * {@code deployment_status}: keeps the statuses that end a deployment, with their environment (the status's own,
 * else the deployment's) and the deployment's {@code sha}, for deployments and change failures (docs/contract.md §6).
 */
@ApplicationScoped
public class DeploymentStatusHandler implements GitHubEventHandler {

    /** Deployment states that end a deployment; only these are kept. */
    static final Set<String> FINAL_STATES = Set.of("success", "failure", "error");

    private final PipelineRepository pipeline;

    public DeploymentStatusHandler(PipelineRepository pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public String event() {
        return "deployment_status";
    }

    @Override
    public boolean takes(String action) {
        return true;
    }

    @Override
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayload.DeploymentStatus s = p.deploymentStatus();
        if (s != null) {
            InputLimits.time(errors, "deployment_status.created_at", s.createdAt());
            if (s.environment() != null) {
                InputLimits.name(errors, "deployment_status.environment", s.environment(),
                        GitHubPayloadLimits.ENVIRONMENT);
            }
        }
        if (p.deployment() != null) {
            GitHubPayloadLimits.sha(errors, "deployment.sha", p.deployment().sha());
        }
        if (p.deployment() != null && p.deployment().environment() != null) {
            InputLimits.name(errors, "deployment.environment", p.deployment().environment(),
                    GitHubPayloadLimits.ENVIRONMENT);
        }
    }

    @Override
    public void handle(GitHubEvent e) {
        GitHubPayload p = e.payload();
        GitHubPayload.DeploymentStatus s = p.deploymentStatus();
        Payloads.require(s != null && s.id() != null && s.state() != null && s.createdAt() != null,
                "deployment_status", "must carry id, state and created_at");
        String state = s.state().toLowerCase(Locale.ROOT);
        if (!FINAL_STATES.contains(state)) {
            return;
        }
        String environment = s.environment() != null ? s.environment()
                : p.deployment() != null ? p.deployment().environment() : null;
        Payloads.require(environment != null, "deployment_status.environment", "is required");
        pipeline.insertDeploymentStatus(s.id(), p.deployment() == null ? null : p.deployment().id(), e.repo(),
                e.team(), Payloads.truncate(environment.trim().toLowerCase(Locale.ROOT),
                        GitHubPayloadLimits.ENVIRONMENT),
                state, s.createdAt(), p.deployment() == null || p.deployment().sha() == null ? null
                        : p.deployment().sha().toLowerCase(Locale.ROOT));
    }
}
