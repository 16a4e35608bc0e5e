package dev.tokenwise.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Table pr_commit (docs/contract.md §7.7): the commits each pull request contains, for AI attribution. A PR contains
 * its head commit, its merge (or squash) commit, and the commits pushed to its head branch in its own repository that
 * belong to it: a commit belongs to the first PR from its branch merged at or after the commit's (earliest) push, and
 * while none is, to the branch's open PRs. So a branch reused after a merge gives its later commits to the next PR.
 * Whenever a push or a PR snapshot changes a branch, its PRs' commits are assigned again from what is stored, so the
 * result does not depend on the order deliveries arrive in.
 */
@ApplicationScoped
public class PrCommits {

    /** A PR from a branch: its id, merge time (null: not merged) and its own head and merge commits. */
    record BranchPr(long id, Instant mergedAt, String headSha, String mergeSha) {
    }

    /** A commit of a branch and the time of its earliest push there. */
    record BranchCommit(String sha, Instant pushedAt) {
    }

    private final Db db;

    public PrCommits(Db db) {
        this.db = db;
    }

    /** Assigns again the commits of every PR from {@code branch} of {@code repo} (none: nothing to do). */
    public void relinkBranch(String repo, String branch) {
        List<BranchPr> prs = db.list("SELECT id, merged_at, head_sha, merge_commit_sha FROM gh_pull_request "
                + "WHERE repo = ? AND head_ref = ? ORDER BY id",
                rs -> new BranchPr(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3), rs.getString(4)), repo,
                branch);
        if (prs.isEmpty()) {
            return;
        }
        List<BranchCommit> commits = db.list("SELECT sha, pushed_at FROM gh_commit WHERE repo = ? AND branch = ?",
                rs -> new BranchCommit(rs.getString(1), Rows.instant(rs, 2)), repo, branch);
        List<Object[]> rows = new ArrayList<>();
        for (BranchPr pr : prs) {
            for (String sha : own(pr)) {
                rows.add(new Object[] { pr.id(), sha });
            }
        }
        for (BranchCommit c : commits) {
            for (BranchPr owner : owners(prs, c.pushedAt())) {
                rows.add(new Object[] { owner.id(), c.sha() });
            }
        }
        replace(prs.stream().map(BranchPr::id).toList(), rows);
    }

    /** Sets the commits of a PR whose branch is not followed (a fork's): its head and merge commits only. */
    public void relinkAlone(long pullRequestId) {
        List<BranchPr> pr = db.list("SELECT id, merged_at, head_sha, merge_commit_sha FROM gh_pull_request "
                + "WHERE id = ?",
                rs -> new BranchPr(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3),
                        rs.getString(4)),
                pullRequestId);
        replace(List.of(pullRequestId), pr.stream().flatMap(p -> own(p).stream())
                .map(sha -> new Object[] { pullRequestId, sha }).toList());
    }

    /**
     * The PRs a commit pushed at {@code pushedAt} belongs to: the first merged at or after the push (all of them on a
     * tie), else the open ones.
     */
    static List<BranchPr> owners(List<BranchPr> prs, Instant pushedAt) {
        Instant first = null;
        for (BranchPr pr : prs) {
            if (pr.mergedAt() != null && !pr.mergedAt().isBefore(pushedAt)
                    && (first == null || pr.mergedAt().isBefore(first))) {
                first = pr.mergedAt();
            }
        }
        Instant chosen = first;
        return prs.stream().filter(pr -> chosen == null ? pr.mergedAt() == null : chosen.equals(pr.mergedAt()))
                .toList();
    }

    private static Set<String> own(BranchPr pr) {
        Set<String> shas = new LinkedHashSet<>();
        if (pr.headSha() != null) {
            shas.add(pr.headSha().toLowerCase(Locale.ROOT));
        }
        if (pr.mergeSha() != null) {
            shas.add(pr.mergeSha().toLowerCase(Locale.ROOT));
        }
        return shas;
    }

    private void replace(List<Long> prs, List<Object[]> rows) {
        db.update("DELETE FROM pr_commit WHERE pull_request_id IN (" + Db.placeholders(prs.size()) + ")",
                prs.toArray());
        db.batch("INSERT INTO pr_commit (pull_request_id, sha) VALUES (?, ?) ON CONFLICT DO NOTHING", rows);
    }
}
