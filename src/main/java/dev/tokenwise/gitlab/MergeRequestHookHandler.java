package dev.tokenwise.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.github.GitHubEvent;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.Payloads;
import dev.tokenwise.github.PullRequestHandler;
import dev.tokenwise.github.PullRequestRepository;

/**
 * {@code Merge Request Hook} (open, reopen, update, approved, approval, merge, close): the merge request as the
 * snapshot of a pull request, merged by GitHub's {@link PullRequestHandler} under the same rules (docs/contract.md
 * §6.5). An approval by someone other than the author is also a review, at the delivery's {@code updated_at}. An update
 * whose changes turn {@code draft} (or {@code work_in_progress}) from true to false is the moment it became ready.
 * The merge time is {@code merged_at}, else the {@code updated_at} of the merge delivery.
 */
@ApplicationScoped
public class MergeRequestHookHandler implements GitLabHookHandler {

    static final Set<String> ACTIONS = Set.of("open", "reopen", "update", "approved", "approval", "merge", "close");
    /**
     * An approval by one user ({@code approval}, sent when approval rules ask for several) or the one that completes
     * the approvals ({@code approved}); one review per approver and merge request either way.
     */
    static final Set<String> APPROVALS = Set.of("approved", "approval");
    /** GitLab's action → the GitHub action whose rules apply ({@code update} is resolved by its changes). */
    static final Map<String, String> AS_GITHUB = Map.of("open", "opened", "reopen", "reopened", "merge", "closed",
            "close", "closed", "approved", "approved", "approval", "approved", "update", "edited");

    private final PullRequestHandler pullRequests;
    private final PullRequestRepository pulls;
    private final Pseudonymizer pseudonyms;

    public MergeRequestHookHandler(PullRequestHandler pullRequests, PullRequestRepository pulls,
            Pseudonymizer pseudonyms) {
        this.pullRequests = pullRequests;
        this.pulls = pulls;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public Set<String> events() {
        return Set.of("Merge Request Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        return p.objectAttributes() != null && ACTIONS.contains(p.objectAttributes().action());
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        GitLabPayloadLimits.trackedItem(errors, p);
        GitLabPayloadLimits.time(errors, "object_attributes.merged_at", a.mergedAt());
        GitLabPayloadLimits.sha(errors, "object_attributes.merge_commit_sha", a.mergeCommitSha());
        GitLabPayloadLimits.sha(errors, "object_attributes.squash_commit_sha", a.squashCommitSha());
        GitLabPayloadLimits.sha(errors, "object_attributes.last_commit.id",
                a.lastCommit() == null ? null : a.lastCommit().id());
        GitLabPayloadLimits.branch(errors, "object_attributes.source_branch", a.sourceBranch());
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        Payloads.require(a.id() != null && a.iid() != null && a.updatedAt() != null, "object_attributes",
                "must carry id, iid and updated_at");
        long id = GitLabIds.of(a.id());
        Instant updatedAt = GitLabPayloadLimits.instant(a.updatedAt());
        boolean merged = "merge".equals(a.action()) || "merged".equals(a.state());
        Instant mergedAt = !merged ? null
                : a.mergedAt() != null ? GitLabPayloadLimits.instant(a.mergedAt())
                        : "merge".equals(a.action()) ? updatedAt : null;
        String mergeSha = !merged ? null : a.mergeCommitSha() != null ? a.mergeCommitSha() : a.squashCommitSha();
        // A fork's branch is not this project's (its pushes never arrive here): only its commit is kept.
        boolean fork = a.sourceProjectId() != null && a.targetProjectId() != null
                && !a.sourceProjectId().equals(a.targetProjectId());
        GitHubPayload.Head head = new GitHubPayload.Head(fork ? null : a.sourceBranch(),
                a.lastCommit() == null ? null : a.lastCommit().id());
        GitHubPayload.User author = a.authorId() == null ? null
                : new GitHubPayload.User(GitLabIds.person(a.authorId()));
        GitHubPayload.PullRequest pr = new GitHubPayload.PullRequest(id, a.iid(), a.title(), author,
                GitLabPayloadLimits.instant(a.createdAt()), updatedAt, mergedAt, mergeSha,
                GitLabLabels.of(p.labels() != null ? p.labels() : a.labels()), a.description(), head);
        Long approver = p.user() == null ? null : p.user().id();
        if (APPROVALS.contains(a.action()) && approver != null && !Objects.equals(approver, a.authorId())) {
            pulls.insertReview(GitLabIds.approval(a.id(), approver), id,
                    pseudonyms.pseudonym(GitLabIds.person(approver)), updatedAt);
        }
        String action = action(a.action(), p.changes());
        pullRequests.handle(new GitHubEvent(action, e.repo(), e.team(), new GitHubPayload(action, null, pr, null,
                null, null, null, null, null, null, null, null)));
    }

    /** The GitHub action whose rules apply; an update that leaves draft is {@code ready_for_review}. */
    static String action(String gitlab, GitLabPayload.Changes changes) {
        if ("update".equals(gitlab) && changes != null
                && (changes.draft() != null && changes.draft().turnedFalse()
                        || changes.workInProgress() != null && changes.workInProgress().turnedFalse())) {
            return "ready_for_review";
        }
        return AS_GITHUB.get(gitlab);
    }
}
