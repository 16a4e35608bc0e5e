package dev.tokenwise.github;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;

/**
 * {@code push} (docs/contract.md §6): the commits of a push to any branch are kept with their ids, times, branch and
 * the agent of an AI marker in their message (the message itself is never kept); default-branch pushes whose head
 * commit is a revert are also kept as rollbacks. A push's time is {@code repository.pushed_at} (epoch seconds in
 * push payloads), else its head commit's time.
 */
@ApplicationScoped
public class PushHandler implements GitHubEventHandler {

    /** A commit SHA: at most 64 characters (SHA-256). */
    static final int SHA_LENGTH = 64;

    public static final String BRANCH_PREFIX = "refs/heads/";

    private static final Pattern REVERTS_COMMIT = Pattern.compile("\\bThis reverts commit ([0-9a-fA-F]{40,64})\\b");

    private final PipelineRepository pipeline;
    private final CommitRepository commits;
    private final AiMarkers markers;
    private final PrCommits prCommits;

    public PushHandler(PipelineRepository pipeline, CommitRepository commits, AiMarkers markers,
            PrCommits prCommits) {
        this.pipeline = pipeline;
        this.commits = commits;
        this.markers = markers;
        this.prCommits = prCommits;
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
        if (p.ref() != null && p.ref().startsWith(BRANCH_PREFIX)) {
            GitHubPayloadLimits.branch(errors, "ref", p.ref().substring(BRANCH_PREFIX.length()));
        }
        List<GitHubPayload.Commit> list = p.commits();
        if (list != null && list.size() > GitHubPayloadLimits.COMMITS) {
            errors.add(new Problem.Violation(null, "commits",
                    "must list at most " + GitHubPayloadLimits.COMMITS + " commits"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                GitHubPayload.Commit c = list.get(i);
                if (c != null) {
                    GitHubPayloadLimits.sha(errors, "commits[" + i + "].id", c.id());
                    InputLimits.time(errors, "commits[" + i + "].timestamp",
                            c.timestamp() == null ? null : c.timestamp().toInstant());
                }
            }
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
        keepCommits(e);
        GitHubPayload.Repository r = p.repository();
        GitHubPayload.Commit head = p.headCommit();
        if (r.defaultBranch() == null || !(BRANCH_PREFIX + r.defaultBranch()).equals(p.ref()) || head == null
                || head.id() == null || head.message() == null
                || !head.message().startsWith(Payloads.REVERT_PREFIX)) {
            return;
        }
        pipeline.insertRevertPush(e.repo(), Payloads.truncate(head.id(), SHA_LENGTH), e.team(), pushedAt(p),
                revertedSha(head.message()));
    }

    /** The commits of a push to a branch (not a tag), each with the agent of its message's AI marker. */
    private void keepCommits(GitHubEvent e) {
        GitHubPayload p = e.payload();
        if (p.ref() == null || !p.ref().startsWith(BRANCH_PREFIX) || p.commits() == null) {
            return;
        }
        List<GitHubPayload.Commit> list = p.commits().stream().filter(c -> c != null && c.id() != null).toList();
        if (list.isEmpty()) {
            return;
        }
        Instant pushedAt = pushedAt(p);
        String branch = p.ref().substring(BRANCH_PREFIX.length());
        AiMarkers.Detector ai = markers.current();
        List<CommitRepository.Kept> kept = list.stream()
                .map(c -> new CommitRepository.Kept(c.id().toLowerCase(Locale.ROOT),
                        c.timestamp() == null ? null : c.timestamp().toInstant(), ai.agentIn(c.message())))
                .toList();
        commits.keep(e.repo(), branch, e.team(), pushedAt, kept);
        prCommits.pushed(e.repo(), branch, e.team(), pushedAt, kept);
    }

    /** The commit a revert names ({@code This reverts commit <sha>.}, as git writes it), lower case, or null. */
    static String revertedSha(String message) {
        Matcher m = REVERTS_COMMIT.matcher(message);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The push's own time: repository.pushed_at (epoch seconds in push payloads), else the head commit's time. */
    private static Instant pushedAt(GitHubPayload p) {
        GitHubPayload.Repository r = p.repository();
        GitHubPayload.Commit head = p.headCommit();
        Instant pushedAt = r.pushedAt() != null && r.pushedAt().isNumber()
                ? Instant.ofEpochSecond(r.pushedAt().asLong())
                : head != null && head.timestamp() != null ? head.timestamp().toInstant() : null;
        Payloads.require(pushedAt != null, "repository.pushed_at", "is required");
        return pushedAt;
    }
}
