package dev.tokenwise.gitlab;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.github.Payloads;
import dev.tokenwise.github.PullRequestRepository;

/**
 * {@code Note Hook} on a merge request by someone other than its author: a review, at the note's
 * {@code created_at} (docs/contract.md §6.5). System notes (GitLab's own "added 1 commit") are not reviews. The note's
 * merge request is not merged as a snapshot (a note carries only part of it); its first review is recomputed. The
 * note's text is never read.
 */
@ApplicationScoped
public class NoteHookHandler implements GitLabHookHandler {

    private final PullRequestRepository pulls;
    private final Pseudonymizer pseudonyms;

    public NoteHookHandler(PullRequestRepository pulls, Pseudonymizer pseudonyms) {
        this.pulls = pulls;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public Set<String> events() {
        return Set.of("Note Hook");
    }

    @Override
    public boolean takes(GitLabPayload p) {
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        return a != null && "MergeRequest".equals(a.noteableType()) && !Boolean.TRUE.equals(a.system())
                && p.mergeRequest() != null
                && (p.mergeRequest().authorId() == null || !Objects.equals(p.mergeRequest().authorId(), author(p)));
    }

    @Override
    public void checkLimits(GitLabPayload p, List<Problem.Violation> errors) {
        GitLabPayloadLimits.id(errors, "object_attributes.id", p.objectAttributes().id());
        GitLabPayloadLimits.id(errors, "merge_request.id", p.mergeRequest().id());
        GitLabPayloadLimits.time(errors, "object_attributes.created_at", p.objectAttributes().createdAt());
    }

    @Override
    public void handle(GitLabEvent e) {
        GitLabPayload p = e.payload();
        GitLabPayload.ObjectAttributes a = p.objectAttributes();
        Payloads.require(a.id() != null && a.createdAt() != null, "object_attributes",
                "must carry id and created_at");
        Payloads.require(p.mergeRequest().id() != null, "merge_request.id", "is required");
        long mergeRequest = GitLabIds.of(p.mergeRequest().id());
        Long author = author(p);
        pulls.insertReview(GitLabIds.of(a.id()), mergeRequest,
                author == null ? null : pseudonyms.pseudonym(GitLabIds.person(author)),
                GitLabPayloadLimits.instant(a.createdAt()));
        pulls.refreshFirstReview(mergeRequest);
    }

    /** The note's author: {@code object_attributes.author_id}, else the delivery's user. */
    private static Long author(GitLabPayload p) {
        Long id = p.objectAttributes().authorId();
        return id != null ? id : p.user() == null ? null : p.user().id();
    }
}
