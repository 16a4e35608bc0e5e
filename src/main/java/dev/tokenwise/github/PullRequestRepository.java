package dev.tokenwise.github;

import java.sql.Types;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Tables gh_pull_request, gh_pr_closes_issue and gh_review: pull requests as merged from their snapshots, the issues
 * they close, and their reviews.
 */
@ApplicationScoped
public class PullRequestRepository {

    /** What a pull request's row holds before a snapshot is merged into it. */
    public record Stored(String author, Instant createdAt, Instant readyAt, Instant mergedAt, String mergeCommitSha,
            boolean revert, Instant stateAt, Kept kept) {
    }

    /** A pull request's row after a snapshot was merged into it. */
    public record Merged(long id, String repo, int number, String team, String author, Instant createdAt,
            Instant readyAt, Instant mergedAt, String mergeCommitSha, boolean revert, Instant firstReviewAt,
            Instant stateAt, Kept kept) {
    }

    /**
     * The facts kept for AI attribution and DORA keys: head branch and commit, the agent of an AI marker in the
     * body, the agent whose bot authored the PR, and the PR the body says it reverts (null: none of each).
     */
    public record Kept(String headRef, String headSha, String bodyAiAgent, String botAgent, String revertsRepo,
            Integer revertsPr) {
    }

    private final Db db;

    public PullRequestRepository(Db db) {
        this.db = db;
    }

    /**
     * The pull request's row, created empty when it is new, and locked until the delivery's transaction ends, so
     * that two deliveries of one PR merge one after the other.
     */
    public Stored lock(long id, String repo, int number, String team) {
        db.update("INSERT INTO gh_pull_request (id, repo, pr_number, team_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", id, repo, number, team);
        return db.one("SELECT author, created_at, ready_at, merged_at, merge_commit_sha, is_revert, state_at, "
                + "head_ref, head_sha, body_ai_agent, bot_agent, reverts_repo, reverts_pr "
                + "FROM gh_pull_request WHERE id = ? FOR UPDATE",
                rs -> new Stored(rs.getString(1), Rows.instant(rs, 2), Rows.instant(rs, 3), Rows.instant(rs, 4),
                        rs.getString(5), rs.getBoolean(6), Rows.instant(rs, 7),
                        new Kept(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), Rows.intOrNull(rs, 13))),
                id).orElseThrow();
    }

    /** The first review of the PR by someone other than its author (any review while the author is unknown). */
    public Instant firstReviewAt(long pullRequestId, String author) {
        Object a = author == null ? Db.nullOf(Types.VARCHAR) : author;
        return db.one("SELECT MIN(submitted_at) FROM gh_review WHERE pull_request_id = ? "
                + "AND (reviewer IS NULL OR ? IS NULL OR reviewer <> ?)", rs -> Rows.instant(rs, 1),
                pullRequestId, a, a).orElse(null);
    }

    public void update(Merged pr) {
        Kept k = pr.kept();
        db.update("UPDATE gh_pull_request SET repo = ?, pr_number = ?, "
                + "team_id = ?, author = ?, created_at = ?, ready_at = ?, merged_at = ?, merge_commit_sha = ?, "
                + "is_revert = ?, first_review_at = ?, state_at = ?, head_ref = ?, head_sha = ?, body_ai_agent = ?, "
                + "bot_agent = ?, reverts_repo = ?, reverts_pr = ? WHERE id = ?", pr.repo(), pr.number(),
                pr.team(), pr.author(), pr.createdAt(), pr.readyAt(), pr.mergedAt(), pr.mergeCommitSha(),
                pr.revert(), pr.firstReviewAt(), pr.stateAt(), k.headRef(), k.headSha(),
                k.bodyAiAgent(), k.botAgent(), k.revertsRepo(),
                k.revertsPr(), pr.id());
    }

    /** The issue numbers the PR closes, ascending. */
    public List<Integer> closes(long pullRequestId) {
        return db.list("SELECT issue_number FROM gh_pr_closes_issue WHERE pull_request_id = ? ORDER BY issue_number",
                rs -> rs.getInt(1), pullRequestId);
    }

    /** Sets the issue numbers the PR closes. */
    public void replaceCloses(long pullRequestId, List<Integer> issues) {
        db.update("DELETE FROM gh_pr_closes_issue WHERE pull_request_id = ?", pullRequestId);
        if (!issues.isEmpty()) {
            db.batch("INSERT INTO gh_pr_closes_issue (pull_request_id, issue_number) VALUES (?, ?)",
                    issues.stream().map(n -> new Object[] { pullRequestId, n }).toList());
        }
    }

    /**
     * Recomputes the PR's first review by someone other than its author after a review was kept without a snapshot
     * of the PR (a GitLab note carries none that can be merged); no row yet: the PR's first snapshot computes it.
     */
    public void refreshFirstReview(long pullRequestId) {
        db.update("UPDATE gh_pull_request SET first_review_at = (SELECT MIN(r.submitted_at) FROM gh_review r "
                + "WHERE r.pull_request_id = gh_pull_request.id AND (r.reviewer IS NULL "
                + "OR gh_pull_request.author IS NULL OR r.reviewer <> gh_pull_request.author)) WHERE id = ?",
                pullRequestId);
    }

    /** Keeps a review once (reviews never change once submitted). */
    public void insertReview(long id, long pullRequestId, String reviewer, Instant submittedAt) {
        db.update("INSERT INTO gh_review (id, pull_request_id, reviewer, "
                + "submitted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", id, pullRequestId, reviewer,
                submittedAt);
    }
}
