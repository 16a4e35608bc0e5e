package dev.tokenwise.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.IssuesHandler;
import dev.tokenwise.github.Payloads;

/**
 * {@code Issue Hook} (and {@code Confidential Issue Hook}, where incidents often are): the issue as the snapshot
 * GitHub's {@link IssuesHandler} merges, keyed by the negated issue id (docs/contract.md §6.5). The close time is
 * {@code closed_at}, else the {@code updated_at} of a closed issue.
 */
@ApplicationScoped
public class IssueHookHandler implements GitLabHookHandler {

    static final Map<String, String> AS_GITHUB = Map.of("open", "opened", "close", "closed", "reopen", "reopened",
            "update", "edited");

    private final IssuesHandler issues;

    public IssueHookHandler(IssuesHandler issues) {
        this.issues = issues;
    }

    @Override
    public Set<String> events() {
        return Set.of("Issue Hook", "Confidential Issue Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return p.objectAttributes() != null && AS_GITHUB.containsKey(p.objectAttributes().action());
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        GitLabPayloadLimits.trackedItem(errors, p);
        GitLabPayloadLimits.time(errors, "object_attributes.closed_at", a.closedAt());
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        Payloads.require(a.id() != null && a.iid() != null && a.updatedAt() != null, "object_attributes",
                "must carry id, iid and updated_at");
        Instant updatedAt = GitLabPayloadLimits.instant(a.updatedAt());
        Instant closedAt = a.closedAt() != null ? GitLabPayloadLimits.instant(a.closedAt())
                : "closed".equals(a.state()) ? updatedAt : null;
        String action = AS_GITHUB.get(a.action());
        GitHubPayload.Issue issue = new GitHubPayload.Issue(GitLabIds.of(a.id()), a.iid(),
                a.authorId() == null ? null : new GitHubPayload.User(GitLabIds.person(a.authorId())),
                GitLabPayloadLimits.instant(a.createdAt()), updatedAt, closedAt,
                GitLabLabels.of(p.labels() != null ? p.labels() : a.labels()));
        issues.handle(new GitHubEvent(action, e.repo(), e.team(), new GitHubPayload(action, null, null, null, issue,
                null, null, null, null, null, null, null)));
    }
}
