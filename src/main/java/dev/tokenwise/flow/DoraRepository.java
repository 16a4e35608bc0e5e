package dev.tokenwise.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import dev.tokenwise.scorecard.Period;

/**
 * The reads of the DORA keys (docs/contract.md §7.2). The period's deployment statuses, PRs and revert pushes are range
 * scans of the team's (team_id, time) indexes; everything else is reached by key (a sha, a PR id, a repository and
 * environment from a time on), in chunks of {@link #CHUNK} keys.
 */
@ApplicationScoped
public class DoraRepository {

    /** Keys per IN list: well below every driver's parameter limit. */
    static final int CHUNK = 500;

    /** A final production deployment status. */
    public record Status(long id, String repo, String environment, boolean success, String sha, Instant at) {
    }

    /**
     * A merged PR: what links it to a deployment, what makes its deployment rework, and its first commit's time as
     * pushes showed it (null: none known).
     */
    public record Pr(long id, String repo, Instant createdAt, Instant mergedAt, String mergeSha, boolean revert,
            Instant firstCommitAt) {
    }

    /** A default-branch revert push. */
    public record RevertPush(String repo, String headSha, Instant pushedAt) {
    }

    /** An issue a PR closes, with its creation time. */
    public record ClosedIssue(long pullRequestId, String repo, int number, Instant createdAt) {
    }

    private final Db db;

    public DoraRepository(Db db) {
        this.db = db;
    }

    /** Final production statuses (success, failure, error) of the period, oldest first. */
    public List<Status> statuses(String team, Period period, List<String> environments) {
        String sql = "SELECT id, repo, environment, state, sha, created_at FROM gh_deployment_status "
                + "WHERE team_id = ? AND created_at >= ? AND created_at < ? AND environment IN ("
                + Db.placeholders(environments.size()) + ") ORDER BY created_at, id";
        List<Object> params = new ArrayList<>(List.of(team, period.start(), period.end()));
        params.addAll(environments);
        return db.list(sql, rs -> new Status(rs.getLong(1), rs.getString(2), rs.getString(3),
                "success".equals(rs.getString(4)), rs.getString(5), Rows.instant(rs, 6)), params.toArray());
    }

    /** The last production success of the repository before {@code t}, in any of the environments. */
    public Optional<Instant> lastSuccessBefore(String repo, List<String> environments, Instant t) {
        Instant last = null;
        for (String env : environments) {
            // One environment at a time, so each is a backward scan of (repo, environment, created_at).
            Optional<Instant> at = db.one("SELECT MAX(created_at) FROM gh_deployment_status WHERE repo = ? "
                    + "AND environment = ? AND created_at < ? AND state = 'success'", rs -> Rows.instant(rs, 1), repo,
                    env, t);
            if (at.isPresent() && (last == null || at.get().isAfter(last))) {
                last = at.get();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The first success of the repository and environment at or after {@code t}. */
    public Optional<Instant> firstSuccessFrom(String repo, String environment, Instant t) {
        return db.one("SELECT MIN(created_at) FROM gh_deployment_status WHERE repo = ? AND environment = ? "
                + "AND created_at >= ? AND state = 'success'", rs -> Rows.instant(rs, 1), repo, environment, t);
    }

    /** For each (repo, sha) named by a production success: the time of the first such success. Key: repo + ' ' + sha. */
    public Map<String, Instant> firstSuccessBySha(Collection<String> shas, List<String> environments) {
        Map<String, Instant> out = new HashMap<>();
        for (List<String> chunk : chunks(shas)) {
            String sql = "SELECT repo, sha, MIN(created_at) FROM gh_deployment_status WHERE sha IN ("
                    + Db.placeholders(chunk.size()) + ") AND state = 'success' AND environment IN ("
                    + Db.placeholders(environments.size()) + ") GROUP BY repo, sha";
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(environments);
            db.each(sql, rs -> out.put(rs.getString(1) + " " + rs.getString(2), Rows.instant(rs, 3)),
                    params.toArray());
        }
        return out;
    }

    /** The team's PRs merged in [from, to). */
    public List<Pr> mergedBetween(String team, Instant from, Instant to) {
        return db.list(PR + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ?", DoraRepository::pr, team, from,
                to);
    }

    /** Merged PRs whose merge commit is one of the shas. */
    public List<Pr> mergedWithSha(Collection<String> shas) {
        List<Pr> out = new ArrayList<>();
        for (List<String> chunk : chunks(shas)) {
            out.addAll(db.list(PR + "WHERE merge_commit_sha IN (" + Db.placeholders(chunk.size())
                    + ") AND merged_at IS NOT NULL", DoraRepository::pr, chunk.toArray()));
        }
        return out;
    }

    /** The team's default-branch revert pushes in [from, to). */
    public List<RevertPush> revertPushesBetween(String team, Instant from, Instant to) {
        return db.list("SELECT repo, head_sha, pushed_at FROM gh_revert_push WHERE team_id = ? AND pushed_at >= ? "
                + "AND pushed_at < ?", rs -> new RevertPush(rs.getString(1), rs.getString(2), Rows.instant(rs, 3)),
                team, from, to);
    }

    /** Revert pushes of the repository whose head commit is one of the shas (its primary key). */
    public List<RevertPush> revertPushesWithSha(String repo, Collection<String> shas) {
        List<RevertPush> out = new ArrayList<>();
        for (List<String> chunk : chunks(shas)) {
            List<Object> params = new ArrayList<>(List.of(repo));
            params.addAll(chunk);
            out.addAll(db.list("SELECT repo, head_sha, pushed_at FROM gh_revert_push WHERE repo = ? AND head_sha IN ("
                    + Db.placeholders(chunk.size()) + ")",
                    rs -> new RevertPush(rs.getString(1), rs.getString(2), Rows.instant(rs, 3)), params.toArray()));
        }
        return out;
    }

    /** The PRs among {@code prIds} that carry one of the labels. */
    public Set<Long> labelled(Collection<Long> prIds, List<String> labels) {
        Set<Long> out = new HashSet<>();
        for (List<Long> chunk : chunks(prIds)) {
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(labels);
            db.each("SELECT DISTINCT item_id FROM gh_label WHERE item_kind = 'pr' AND item_id IN ("
                    + Db.placeholders(chunk.size()) + ") AND name IN (" + Db.placeholders(labels.size()) + ")",
                    rs -> out.add(rs.getLong(1)), params.toArray());
        }
        return out;
    }

    /** The known issues the PRs close, in the PR's repository. */
    public List<ClosedIssue> closedIssues(Collection<Long> prIds) {
        List<ClosedIssue> out = new ArrayList<>();
        for (List<Long> chunk : chunks(prIds)) {
            out.addAll(db.list("SELECT ci.pull_request_id, i.repo, i.issue_number, i.created_at "
                    + "FROM gh_pr_closes_issue ci JOIN gh_pull_request p ON p.id = ci.pull_request_id "
                    + "JOIN gh_issue i ON i.repo = p.repo AND i.issue_number = ci.issue_number "
                    + "WHERE ci.pull_request_id IN (" + Db.placeholders(chunk.size()) + ") AND i.created_at IS NOT NULL",
                    rs -> new ClosedIssue(rs.getLong(1), rs.getString(2), rs.getInt(3), Rows.instant(rs, 4)),
                    chunk.toArray()));
        }
        return out;
    }

    private static final String PR = "SELECT id, repo, created_at, merged_at, merge_commit_sha, is_revert, "
            + "first_commit_at FROM gh_pull_request ";

    private static Pr pr(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pr(rs.getLong(1), rs.getString(2), Rows.instant(rs, 3), Rows.instant(rs, 4), rs.getString(5),
                rs.getBoolean(6), Rows.instant(rs, 7));
    }

    private static <T> List<List<T>> chunks(Collection<T> keys) {
        List<T> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
