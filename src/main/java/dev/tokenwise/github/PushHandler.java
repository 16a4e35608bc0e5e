package dev.tokenwise.github;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;

/**
 * {@code push}: only default-branch pushes whose head commit is a revert matter (rollbacks, docs/contract.md §6);
 * others are not kept.
 */
@ApplicationScoped
public class PushHandler implements GitHubEventHandler {

    /** A commit SHA: at most 64 characters (SHA-256). */
    static final int SHA_LENGTH = 64;

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
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayload.Commit head = p.headCommit();
        if (head != null) {
            GitHubPayloadLimits.sha(errors, "head_commit.id", head.id());
            OffsetDateTime t = head.timestamp();
            InputLimits.time(errors, "head_commit.timestamp", t == null ? null : t.toInstant());
        }
        JsonNode pushedAt = p.repository() == null ? null : p.repository().pushedAt();
        if (pushedAt != null && pushedAt.isNumber()) {
            // Epoch seconds: a fraction or a value beyond a long is as wrong as a year outside 2000–2100.
            boolean ok = pushedAt.isIntegralNumber() && pushedAt.canConvertToLong()
                    && pushedAt.asLong() >= InputLimits.FIRST_INSTANT.getEpochSecond()
                    && pushedAt.asLong() < InputLimits.END_INSTANT.getEpochSecond();
            if (!ok) {
                errors.add(new Problem.Violation(null, "repository.pushed_at",
                        "must be whole epoch seconds between 2000-01-01 and 2100-12-31"));
            }
        }
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
        pipeline.insertRevertPush(e.repo(), Payloads.truncate(head.id(), SHA_LENGTH), e.team(), pushedAt);
    }
}
