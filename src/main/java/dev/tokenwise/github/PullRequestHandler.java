package dev.tokenwise.github;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;

/**
 * {@code pull_request}: merges the PR's snapshot into its record (docs/contract.md §6). A merge is final and the
 * first merged_at seen stays; the review wait starts at the earliest ready_for_review; the title (revert or not)
 * and the labels follow the snapshot with the newest {@code updated_at}, ties resolved so that the result does not
 * depend on arrival order.
 */
@ApplicationScoped
public class PullRequestHandler implements GitHubEventHandler {

    static final Set<String> ACTIONS = Set.of("opened", "ready_for_review", "closed", "reopened", "labeled",
            "unlabeled", "edited", "converted_to_draft");

    private final PullRequestRepository pulls;
    private final Labels labels;
    private final Pseudonymizer pseudonyms;

    public PullRequestHandler(PullRequestRepository pulls, Labels labels, Pseudonymizer pseudonyms) {
        this.pulls = pulls;
        this.labels = labels;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String event() {
        return "pull_request";
    }

    @Override
    public boolean takes(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayloadLimits.pullRequest(errors, p.pullRequest());
        GitHubPayloadLimits.label(errors, "label.name", p.label());
    }

    @Override
    public void handle(GitHubEvent e) {
        merge(e.repo(), e.team(), e.action(), e.payload().pullRequest(), e.payload().label());
    }

    /** Merges one snapshot of a PR; also used for the snapshot a review carries (action review_submitted). */
    void merge(String repo, String team, String action, GitHubPayload.PullRequest pr, GitHubPayload.Label label) {
        Payloads.require(pr != null && pr.id() != null && pr.number() != null && pr.updatedAt() != null,
                "pull_request", "must carry id, number and updated_at");
        PullRequestRepository.Stored stored = pulls.lock(pr.id(), repo, pr.number(), team);
        Instant t = pr.updatedAt();
        int order = stored.stateAt() == null ? 1 : t.compareTo(stored.stateAt());
        String author = stored.author();
        if (author == null && pr.user() != null) {
            author = pseudonyms.pseudonym(pr.user().login());
        }
        Instant createdAt = stored.createdAt() != null ? stored.createdAt() : pr.createdAt();
        Instant readyAt = stored.readyAt();
        if ("ready_for_review".equals(action) && (readyAt == null || t.isBefore(readyAt))) {
            readyAt = t;
        }
        // A merge is final (a merged PR cannot be reopened): the first merged_at seen stays.
        Instant mergedAt = stored.mergedAt() != null ? stored.mergedAt() : pr.mergedAt();
        String mergeSha = stored.mergeCommitSha();
        if (pr.mergedAt() != null && pr.mergeCommitSha() != null && (mergeSha == null || order > 0)) {
            mergeSha = pr.mergeCommitSha();
        }
        boolean titleRevert = pr.title() != null && pr.title().startsWith(Payloads.REVERT_PREFIX);
        // Ties (same updated_at) are resolved so that the result does not depend on arrival order.
        boolean revert = order > 0 ? titleRevert : order == 0 ? stored.revert() || titleRevert : stored.revert();
        labels.merge(Labels.PULL_REQUEST, pr.id(), order, pr.labels(), action, label);
        Instant newState = order > 0 ? t : stored.stateAt();
        Instant firstReviewAt = pulls.firstReviewAt(pr.id(), author);
        pulls.update(new PullRequestRepository.Merged(pr.id(), repo, pr.number(), team, author, createdAt, readyAt,
                mergedAt, mergeSha, revert, firstReviewAt, newState));
    }
}
