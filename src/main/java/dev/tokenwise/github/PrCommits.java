package dev.tokenwise.github;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Table pr_commit (docs/contract.md §7.7): the commits each pull request contains, for AI attribution. A PR contains
 * its head commit, its merge (or squash) commit, and the commits pushed to its head branch in its own repository that
 * belong to it: a commit belongs to the first PR from its branch merged at or after the commit's (earliest) push, and
 * while none is, to the branch's open PRs. So a branch reused after a merge gives its later commits to the next PR.
 * Whenever a push or a PR snapshot changes a branch, the commits that change can touch are assigned again from what
 * is stored, so the result does not depend on the order deliveries arrive in.
 */
@ApplicationScoped
public class PrCommits {

    /** A PR from a branch: its id, merge time (null: not merged) and its own head and merge commits. */
    record BranchPr(long id, Instant mergedAt, String headSha, String mergeSha) {
    }

    /**
     * A commit of a branch, its own time (null: not given), the time of its earliest push there and the agent its
     * message's AI marker named (null: none).
     */
    record BranchCommit(String sha, Instant committedAt, Instant pushedAt, String aiAgent) {
    }

    /** A full commit id, and the shortest id an agent may report (as `git commit` prints it). */
    private static final int FULL_SHA = 40;
    private static final int SHORTEST = 7;

    private final Db db;

    public PrCommits(Db db) {
        this.db = db;
    }

    /**
     * After a push to {@code branch}: its commits (pushed at {@code pushedAt} or, when pushed before, earlier) go to
     * the PRs they belong to (only PRs open or merged since then can own them), their times reach the PRs that hold
     * them as head or merge commits, and the short ids sessions of {@code team} reported for them are resolved.
     */
    public void pushed(String repo, String branch, String team, Instant pushedAt, List<CommitRepository.Kept> commits) {
        relink(repo, branch, pushedAt, branchPrs(repo, branch));
        pushedFacts(commits);
        resolveSessionCommits(team, commits.stream().map(CommitRepository.Kept::sha).toList());
    }

    /**
     * After PR {@code id}'s head or merge changed: the commits of its branch pushed after the branch's previous merge
     * (the ones this PR can own, or stop owning) are assigned again; earlier ones belong to earlier PRs and stay.
     */
    public void prChanged(String repo, String branch, long id) {
        List<BranchPr> prs = branchPrs(repo, branch);
        Instant merged = null;
        for (BranchPr p : prs) {
            merged = p.id() == id ? p.mergedAt() : merged;
        }
        Instant since = null;
        for (BranchPr p : prs) {
            if (p.id() != id && p.mergedAt() != null && (merged == null || p.mergedAt().isBefore(merged))
                    && (since == null || p.mergedAt().isAfter(since))) {
                since = p.mergedAt();
            }
        }
        relink(repo, branch, since, prs);
    }

    /** Assigns again every commit of the branch (after a PR left it). */
    public void relinkAll(String repo, String branch) {
        relink(repo, branch, null, branchPrs(repo, branch));
    }

    private List<BranchPr> branchPrs(String repo, String branch) {
        return db.list("SELECT id, merged_at, head_sha, merge_commit_sha FROM gh_pull_request "
                + "WHERE repo = ? AND head_ref = ? ORDER BY id",
                rs -> new BranchPr(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3), rs.getString(4)), repo,
                branch);
    }

    /**
     * Assigns the branch's commits pushed at or after {@code since} (all of them when null) among the PRs that can
     * own them: those open, or merged at or after {@code since}. A long-lived branch (a release PR's {@code main})
     * is read from {@code since} on only, not from its first commit.
     */
    private void relink(String repo, String branch, Instant since, List<BranchPr> all) {
        List<BranchPr> prs = all.stream().filter(p -> since == null || p.mergedAt() == null
                || !p.mergedAt().isBefore(since)).toList();
        if (prs.isEmpty()) {
            return;
        }
        String range = since == null ? "" : " AND pushed_at >= ?";
        Object[] args = since == null ? new Object[] { repo, branch } : new Object[] { repo, branch, since };
        List<BranchCommit> commits = db.list("SELECT sha, committed_at, pushed_at, ai_agent FROM gh_commit "
                + "WHERE repo = ? AND branch = ?" + range,
                rs -> new BranchCommit(rs.getString(1), Rows.instant(rs, 2), Rows.instant(rs, 3), rs.getString(4)),
                args);
        // The branch's commits first, with their times: a head commit that was pushed keeps its time.
        List<Object[]> rows = new ArrayList<>();
        for (BranchCommit c : commits) {
            for (BranchPr owner : owners(prs, c.pushedAt())) {
                rows.add(row(owner.id(), c.sha(), c.committedAt(), c.aiAgent()));
            }
        }
        for (BranchPr pr : prs) {
            for (String sha : own(pr)) {
                rows.add(row(pr.id(), sha, null, null));
            }
        }
        List<Object> params = new ArrayList<>(prs.stream().map(BranchPr::id).toList());
        String ids = Db.placeholders(prs.size());
        if (since == null) {
            db.update("DELETE FROM pr_commit WHERE pull_request_id IN (" + ids + ")", params.toArray());
        } else {
            params.addAll(List.of(args));
            db.update("DELETE FROM pr_commit WHERE pull_request_id IN (" + ids + ") AND sha IN (SELECT sha FROM "
                    + "gh_commit WHERE repo = ? AND branch = ? AND pushed_at >= ?)", params.toArray());
        }
        insert(rows);
        knownCommits(prs.stream().map(BranchPr::id).toList());
    }

    /**
     * The time and AI marker of the PRs' commits that were not pushed to their branch (a merge commit pushed to the
     * default branch, say) but are known from another push; then the PRs' first commit times.
     */
    private void knownCommits(List<Long> prs) {
        String ids = Db.placeholders(prs.size());
        db.update("UPDATE pr_commit SET committed_at = (SELECT MIN(c.committed_at) FROM gh_commit c "
                + "WHERE c.sha = pr_commit.sha), ai_agent = (SELECT MAX(c.ai_agent) FROM gh_commit c "
                + "WHERE c.sha = pr_commit.sha) WHERE committed_at IS NULL AND pull_request_id IN (" + ids + ")",
                prs.toArray());
        db.update("UPDATE gh_pull_request SET first_commit_at = (SELECT MIN(pc.committed_at) FROM pr_commit pc "
                + "WHERE pc.pull_request_id = gh_pull_request.id) WHERE id IN (" + ids + ")", prs.toArray());
    }

    /**
     * What a push shows of commits PRs already hold as head or merge commits: their times and AI markers, and so
     * the first commit time of those PRs.
     */
    private void pushedFacts(List<CommitRepository.Kept> commits) {
        List<CommitRepository.Kept> timed = commits.stream().filter(c -> c.committedAt() != null).toList();
        db.batch("UPDATE pr_commit SET committed_at = ? WHERE sha = ? AND committed_at IS NULL",
                timed.stream().map(c -> new Object[] { c.committedAt(), c.sha() }).toList());
        db.batch("UPDATE pr_commit SET ai_agent = ? WHERE sha = ? AND ai_agent IS NULL", commits.stream()
                .filter(c -> c.aiAgent() != null).map(c -> new Object[] { c.aiAgent(), c.sha() }).toList());
        db.batch("UPDATE gh_pull_request SET first_commit_at = ? WHERE id IN (SELECT pull_request_id FROM pr_commit "
                + "WHERE sha = ?) AND (first_commit_at IS NULL OR first_commit_at > ?)",
                timed.stream().map(c -> new Object[] { c.committedAt(), c.sha(), c.committedAt() }).toList());
    }

    /** Sets the commits of a PR whose branch is not followed (a fork's): its head and merge commits only. */
    public void relinkAlone(long pullRequestId) {
        List<BranchPr> pr = db.list("SELECT id, merged_at, head_sha, merge_commit_sha FROM gh_pull_request "
                + "WHERE id = ?",
                rs -> new BranchPr(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3),
                        rs.getString(4)),
                pullRequestId);
        db.update("DELETE FROM pr_commit WHERE pull_request_id = ?", pullRequestId);
        insert(pr.stream().flatMap(p -> own(p).stream()).map(sha -> row(pullRequestId, sha, null, null)).toList());
        knownCommits(List.of(pullRequestId));
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

    /**
     * Resolves the short ids agent sessions of {@code team} reported (table session_commit, docs/contract.md §7.7)
     * that start one of {@code shas}: the commits a push or a PR just named. A short id is 7 digits or more, so it is
     * one of the 33 shorter prefixes of the full id: an exact lookup each, no range.
     */
    public void resolveSessionCommits(String team, Collection<String> shas) {
        List<Object[]> rows = new ArrayList<>();
        for (String sha : shas) {
            if (sha == null || sha.length() != FULL_SHA) {
                continue;
            }
            Object[] row = new Object[2 + FULL_SHA - SHORTEST];
            row[0] = sha;
            row[1] = team;
            for (int len = SHORTEST; len < FULL_SHA; len++) {
                row[2 + len - SHORTEST] = sha.substring(0, len);
            }
            rows.add(row);
        }
        // Resolved, the commit may already be one of a PR's commits (session_commit.in_pr).
        int[] resolved = db.batch("UPDATE session_commit SET full_sha = ?, in_pr = EXISTS (SELECT 1 FROM pr_commit pc "
                + "WHERE pc.sha = ?) WHERE team_id = ? AND full_sha IS NULL AND commit_sha IN ("
                + Db.placeholders(FULL_SHA - SHORTEST) + ")", rows.stream().map(PrCommits::withShaTwice).toList());
        List<String> linked = new ArrayList<>();
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] != 0) {
                linked.add((String) rows.get(i)[0]);
            }
        }
        sessionsMade(linked);
    }

    /**
     * Marks the PR commits with these full ids as made by an agent session (pr_commit.session_linked), after a
     * session reported them or their short ids were resolved.
     */
    public int sessionsMade(Collection<String> fullShas) {
        return IntStream.of(db.batch("UPDATE pr_commit SET session_linked = TRUE WHERE sha = ? "
                + "AND session_linked = FALSE",
                fullShas.stream().distinct().map(sha -> new Object[] { sha })
                        .toList()))
                .filter(n -> n > 0).sum();
    }

    private static Object[] withShaTwice(Object[] row) {
        Object[] out = new Object[row.length + 1];
        out[0] = row[0];
        out[1] = row[0];
        System.arraycopy(row, 1, out, 2, row.length - 1);
        return out;
    }

    /**
     * Each row is inserted knowing whether a session reported its commit already (the other order: above), and the
     * sessions that did learn that their commit is a PR's.
     */
    private void insert(List<Object[]> rows) {
        db.batch("INSERT INTO pr_commit (pull_request_id, sha, committed_at, ai_agent, session_linked) "
                + "SELECT ?, ?, ?, ?, EXISTS (SELECT 1 FROM session_commit WHERE full_sha = ?) "
                + "ON CONFLICT DO NOTHING", rows);
        List<String> shas = rows.stream().map(r -> (String) r[1]).distinct().toList();
        int[] found = db.batch("UPDATE session_commit SET in_pr = TRUE WHERE full_sha = ? AND in_pr = FALSE",
                shas.stream().map(sha -> new Object[] { sha }).toList());
        // A session's commit that was not there for the insert's check but is for this update committed in between:
        // the rows just inserted learn it too (the other side's own check could not see them yet).
        List<String> lateSessions = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (found[i] != 0) {
                lateSessions.add(shas.get(i));
            }
        }
        sessionsMade(lateSessions);
    }

    private static Object[] row(long pullRequestId, String sha, Instant committedAt, String aiAgent) {
        return new Object[] { pullRequestId, sha,
                committedAt == null ? Db.nullOf(Types.TIMESTAMP_WITH_TIMEZONE) : committedAt,
                aiAgent == null ? Db.nullOf(Types.VARCHAR) : aiAgent, sha };
    }
}
