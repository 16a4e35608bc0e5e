package dev.tokenwise.gitlab;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.GitHubPayloadLimits;
import dev.tokenwise.github.PushHandler;

/**
 * {@code Push Hook}: the push as GitHub's {@link PushHandler} keeps it (docs/contract.md §6.5): the commits of any
 * branch with their AI markers, and on the default branch a head commit that is a revert. GitLab sends no push time:
 * the push's time is its head commit's ({@code checkout_sha}, else {@code after}); when GitLab's list (at most 20
 * commits) does not hold the head, the newest listed commit's time.
 */
@ApplicationScoped
public class PushHookHandler implements GitLabHookHandler {

    private final PushHandler pushes;

    public PushHookHandler(PushHandler pushes) {
        this.pushes = pushes;
    }

    @Override
    public Set<String> events() {
        return Set.of("Push Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return true;
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        if (p.ref() != null && p.ref().startsWith(PushHandler.BRANCH_PREFIX)) {
            GitLabPayloadLimits.branch(errors, "ref", p.ref().substring(PushHandler.BRANCH_PREFIX.length()));
        }
        GitLabPayloadLimits.sha(errors, "after", p.after());
        GitLabPayloadLimits.sha(errors, "checkout_sha", p.checkoutSha());
        List<GitLabPayload.Commit> list = p.commits();
        if (list != null && list.size() > GitHubPayloadLimits.COMMITS) {
            errors.add(new Problem.Violation(null, "commits",
                    "must list at most " + GitHubPayloadLimits.COMMITS + " commits"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                GitLabPayload.Commit c = list.get(i);
                if (c != null) {
                    GitLabPayloadLimits.sha(errors, "commits[" + i + "].id", c.id());
                    GitLabPayloadLimits.time(errors, "commits[" + i + "].timestamp", c.timestamp());
                }
            }
        }
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        List<GitHubPayload.Commit> commits = new ArrayList<>();
        if (p.commits() != null) {
            for (GitLabPayload.Commit c : p.commits()) {
                if (c != null && c.id() != null) {
                    commits.add(new GitHubPayload.Commit(c.id(), c.message(), GitLabTime.parse(c.timestamp())));
                }
            }
        }
        String headId = p.checkoutSha() != null ? p.checkoutSha() : p.after();
        GitHubPayload.Commit head = commits.stream().filter(c -> c.id().equalsIgnoreCase(headId == null ? "" : headId))
                .findFirst().orElseGet(() -> newest(headId, commits));
        GitHubPayload.Repository repository = new GitHubPayload.Repository(e.repo(),
                p.project() == null ? null : p.project().defaultBranch(), null);
        pushes.handle(new GitHubEvent("", e.repo(), e.team(), new GitHubPayload(null, repository, null, null, null,
                null, null, null, null, p.ref(), p.after(), head, commits)));
    }

    /** The head as far as the list tells: its id with the newest listed commit's time (no message: no revert). */
    private static GitHubPayload.Commit newest(String headId, List<GitHubPayload.Commit> commits) {
        OffsetDateTime t = commits.stream().map(GitHubPayload.Commit::timestamp).filter(Objects::nonNull)
                .max(Comparator.comparing(OffsetDateTime::toInstant)).orElse(null);
        return t == null || headId == null ? null : new GitHubPayload.Commit(headId, null, t);
    }
}
