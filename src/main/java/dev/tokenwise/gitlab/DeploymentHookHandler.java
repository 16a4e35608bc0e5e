package dev.tokenwise.gitlab;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.github.DeploymentStatusHandler;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.GitHubPayloadLimits;
import dev.tokenwise.github.Payloads;

/**
 * {@code Deployment Hook} ({@code success}, {@code failed}): a deployment status, stored by GitHub's
 * {@link DeploymentStatusHandler} as {@code success} or {@code failure}, keyed by the negated deployment id, at
 * {@code status_changed_at}, with its environment and the commit at the end of {@code commit_url}
 * (docs/contract.md §6.5). {@code canceled} is neither a success nor a failure, and {@code running} is not an end:
 * both are ignored.
 */
@ApplicationScoped
public class DeploymentHookHandler implements GitLabHookHandler {

    /** GitLab's final deployment statuses that count → GitHub's states. */
    static final Map<String, String> STATES = Map.of("success", "success", "failed", "failure");

    private final DeploymentStatusHandler statuses;

    public DeploymentHookHandler(DeploymentStatusHandler statuses) {
        this.statuses = statuses;
    }

    @Override
    public Set<String> events() {
        return Set.of("Deployment Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return STATES.containsKey(p.status());
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayloadLimits.id(errors, "deployment_id", p.deploymentId());
        GitLabPayloadLimits.time(errors, "status_changed_at", p.statusChangedAt());
        GitLabPayloadLimits.name(errors, "environment", p.environmentName(), GitHubPayloadLimits.ENVIRONMENT);
        GitLabPayloadLimits.sha(errors, "commit_url", sha(p.commitUrl()));
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        Payloads.require(p.deploymentId() != null && p.statusChangedAt() != null && p.environmentName() != null,
                "deployment_id", "deployments carry deployment_id, status_changed_at and environment");
        long id = GitLabIds.of(p.deploymentId());
        GitHubPayload payload = new GitHubPayload(null, null, null, null, null, null,
                new GitHubPayload.DeploymentStatus(id, STATES.get(p.status()), p.environmentName(),
                        GitLabPayloadLimits.instant(p.statusChangedAt())),
                new GitHubPayload.Deployment(id, p.environmentName(), sha(p.commitUrl())), null, null, null, null);
        statuses.handle(new GitHubEvent("", e.repo(), e.team(), payload));
    }

    /** The last path segment of {@code commit_url} ({@code …/-/commit/<sha>}), or null. */
    static String sha(String commitUrl) {
        if (commitUrl == null || commitUrl.isBlank()) {
            return null;
        }
        String url = commitUrl.trim();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
