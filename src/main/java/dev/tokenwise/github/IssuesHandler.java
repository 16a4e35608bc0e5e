package dev.tokenwise.github;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;

/**
 * {@code issues}: merges the issue's snapshot into its record (docs/contract.md §6). Author and created_at are
 * kept from the first payload that brings them; closed_at and the labels follow the newest {@code updated_at}, and
 * in a tie the closed or reopened action decides.
 */
@ApplicationScoped
public class IssuesHandler implements GitHubEventHandler {

    static final Set<String> ACTIONS = Set.of("opened", "labeled", "unlabeled", "closed", "reopened", "edited");

    private final IssueRepository issues;
    private final Labels labels;
    private final Pseudonymizer pseudonyms;

    public IssuesHandler(IssueRepository issues, Labels labels, Pseudonymizer pseudonyms) {
        this.issues = issues;
        this.labels = labels;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String event() {
        return "issues";
    }

    @Override
    public boolean takes(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayload.Issue i = p.issue();
        if (i != null) {
            InputLimits.time(errors, "issue.created_at", i.createdAt());
            InputLimits.time(errors, "issue.updated_at", i.updatedAt());
            InputLimits.time(errors, "issue.closed_at", i.closedAt());
            GitHubPayloadLimits.labels(errors, "issue.labels", i.labels());
        }
        GitHubPayloadLimits.label(errors, "label.name", p.label());
    }

    @Override
    public void handle(GitHubEvent e) {
        GitHubPayload.Issue issue = e.payload().issue();
        String action = e.action();
        Payloads.require(issue != null && issue.id() != null && issue.number() != null && issue.updatedAt() != null,
                "issue", "must carry id, number and updated_at");
        IssueRepository.Stored stored = issues.lock(issue.id(), e.repo(), issue.number(), e.team());
        Instant t = issue.updatedAt();
        int order = stored.stateAt() == null ? 1 : t.compareTo(stored.stateAt());
        String author = stored.author();
        if (author == null && issue.user() != null) {
            author = pseudonyms.pseudonym(issue.user().login());
        }
        Instant createdAt = stored.createdAt() != null ? stored.createdAt() : issue.createdAt();
        Instant closedAt = stored.closedAt();
        if (order > 0) {
            closedAt = issue.closedAt();
        } else if (order == 0 && "closed".equals(action)) {
            closedAt = issue.closedAt();
        } else if (order == 0 && "reopened".equals(action)) {
            closedAt = null;
        }
        labels.merge(Labels.ISSUE, issue.id(), order, issue.labels(), action, e.payload().label());
        issues.update(new IssueRepository.Merged(issue.id(), e.repo(), issue.number(), e.team(), author, createdAt,
                closedAt, order > 0 ? t : stored.stateAt()));
    }
}
