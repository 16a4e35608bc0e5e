package dev.tokenwise.github;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;

/**
 * {@code pull_request_review} (submitted): keeps the review, then merges the snapshot of its PR that the payload
 * carries, which recomputes the PR's first review by someone other than its author (docs/contract.md §6).
 */
@ApplicationScoped
public class PullRequestReviewHandler implements GitHubEventHandler {

    private final PullRequestRepository pulls;
    private final PullRequestHandler pullRequests;
    private final Pseudonymizer pseudonyms;

    public PullRequestReviewHandler(PullRequestRepository pulls, PullRequestHandler pullRequests,
            Pseudonymizer pseudonyms) {
        this.pulls = pulls;
        this.pullRequests = pullRequests;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String event() {
        return "pull_request_review";
    }

    @Override
    public boolean takes(String action) {
        return "submitted".equals(action);
    }

    @Override
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        if (p.review() != null) {
            InputLimits.time(errors, "review.submitted_at", p.review().submittedAt());
        }
        GitHubPayloadLimits.pullRequest(errors, p.pullRequest());
    }

    @Override
    public void handle(GitHubEvent e) {
        GitHubPayload p = e.payload();
        GitHubPayload.Review r = p.review();
        Payloads.require(r != null && r.id() != null && r.submittedAt() != null, "review",
                "must carry id and submitted_at");
        Payloads.require(p.pullRequest() != null && p.pullRequest().id() != null, "pull_request", "is required");
        pulls.insertReview(r.id(), p.pullRequest().id(),
                r.user() == null ? null : pseudonyms.pseudonym(r.user().login()), r.submittedAt());
        // A review arriving before "opened" creates the PR.
        pullRequests.merge(e.repo(), e.team(), "review_submitted", p.pullRequest(), null);
    }
}
