package dev.tokenwise.github;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code push}: only default-branch pushes whose head commit is a revert matter (rollbacks, docs/contract.md §6);
 * others are not kept.
 */
@ApplicationScoped
public class PushHandler implements GitHubEventHandler {

    /** A commit SHA: at most 64 characters (SHA-256). */
    static final int SHA = 64;

    private final PipelineRepository pipeline;

    public PushHandler(PipelineRepository pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public String event() {
        return "push";
    }

    @Override
    public boolean takes(String action) {
        return true;
    }

    @Override
    public void handle(GitHubEvent e) {
        GitHubPayload p = e.payload();
        GitHubPayload.Repository r = p.repository();
        GitHubPayload.Commit head = p.headCommit();
        if (r.defaultBranch() == null || !("refs/heads/" + r.defaultBranch()).equals(p.ref()) || head == null
                || head.id() == null || head.message() == null
                || !head.message().startsWith(Payloads.REVERT_PREFIX)) {
            return;
        }
        // The push's own time is repository.pushed_at (epoch seconds in push payloads); the commit time otherwise.
        Instant pushedAt = r.pushedAt() != null && r.pushedAt().isNumber()
                ? Instant.ofEpochSecond(r.pushedAt().asLong())
                : head.timestamp() != null ? head.timestamp().toInstant() : null;
        Payloads.require(pushedAt != null, "repository.pushed_at", "is required");
        pipeline.insertRevertPush(e.repo(), Payloads.truncate(head.id(), SHA), e.team(), pushedAt);
    }
}
