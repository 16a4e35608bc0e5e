package dev.tokenwise.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import dev.tokenwise.scorecard.Period;

/**
 * The reads of AI attribution (docs/contract.md §7.7). Each starts from a range scan of one team's index over the
 * period (PRs by merge time, session rollup rows by bucket) and reaches commits, sessions and references through
 * keys. A session's commit is matched by its full id ({@code session_commit.full_sha}, resolved from a short id at
 * ingest or when a push or PR names the commit), so every join is an equality the planner estimates well.
 */
@ApplicationScoped
public class ImpactRepository {

    /**
     * A PR merged in the period with what the PR row itself says about AI: the label, a usage event naming it (and
     * those events' cost), the body's marker agent, the bot author's agent; and whether a merged revert PR or a
     * revert push has reverted it since.
     */
    public record MergedPr(long id, String author, Instant createdAt, Instant mergedAt, Instant reviewStart,
            Instant firstReviewAt, boolean label, boolean namedByUsage, double directCostUsd, String bodyAgent,
            String botAgent, boolean reverted) {
    }

    /**
     * A commit of a merged PR that carries an AI signal: the agent its message's marker named (null: none), and a
     * session that reported making it with the session's tool (null: none).
     */
    public record CommitSignal(long pullRequestId, String aiAgent, String sessionId, String tool) {
    }

    /**
     * How far from a period a session's commit may be for its cost in the period to count as linked: a session
     * resumed over days still commits within a week of its spend (docs/contract.md §7.7).
     */
    static final Duration SESSION_REACH = Duration.ofDays(7);

    /** Sessions, session ids at a time in one IN list. */
    private static final int CHUNK = 500;

    /** A session's commit (its full id, once resolved) is one of a PR's commits. */
    private static final String COMMIT_MATCH = "pc.sha = sc.full_sha";

    private static final String MERGED_IN_PERIOD = "p.team_id = ? AND p.merged_at >= ? AND p.merged_at < ?";

    private final Db db;

    public ImpactRepository(Db db) {
        this.db = db;
    }

    public List<MergedPr> merged(String team, Period period, String aiLabel) {
        String sql = "SELECT p.id, p.author, p.created_at, p.merged_at, COALESCE(p.ready_at, p.created_at), "
                + "p.first_review_at, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'pr' AND l.item_id = p.id "
                + "AND l.name = ?) THEN 1 ELSE 0 END, u.cost_usd, p.body_ai_agent, p.bot_agent, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_pull_request r WHERE r.reverts_repo = p.repo "
                + "AND r.reverts_pr = p.pr_number AND r.merged_at IS NOT NULL) OR EXISTS (SELECT 1 "
                + "FROM gh_revert_push x WHERE x.reverts_sha = p.merge_commit_sha AND x.repo = p.repo) "
                + "THEN 1 ELSE 0 END "
                + "FROM gh_pull_request p LEFT JOIN usage_pr_ref u ON u.repo = p.repo AND u.pull_request = p.pr_number "
                + "WHERE " + MERGED_IN_PERIOD;
        return db.list(sql, rs -> {
            double direct = rs.getDouble(8);
            boolean named = !rs.wasNull();
            return new MergedPr(rs.getLong(1), rs.getString(2), Rows.instant(rs, 3), Rows.instant(rs, 4),
                    Rows.instant(rs, 5), Rows.instant(rs, 6), rs.getInt(7) == 1, named, named ? direct : 0,
                    rs.getString(9), rs.getString(10), rs.getInt(11) == 1);
        }, aiLabel, team, period.start(), period.end());
    }

    /**
     * The commits of PRs merged in the period that carry an AI marker or were made by an agent session (its branch's
     * commits, its head and merge commits), with those sessions. Both facts are kept on pr_commit as they arrive
     * (github.PrCommits), so only the commits that carry one reach session_commit.
     */
    public List<CommitSignal> commitSignals(String team, Period period) {
        String sql = "SELECT DISTINCT p.id, pc.ai_agent, sc.session_id, sc.tool FROM gh_pull_request p "
                + "JOIN pr_commit pc ON pc.pull_request_id = p.id "
                + "LEFT JOIN session_commit sc ON pc.session_linked AND " + COMMIT_MATCH + " WHERE " + MERGED_IN_PERIOD
                + " AND (pc.ai_agent IS NOT NULL OR pc.session_linked)";
        return db.list(sql, rs -> new CommitSignal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                team, period.start(), period.end());
    }

    /**
     * Of each session: how many PRs (merged or not) contain its commits, among which its cost is split evenly, and its
     * cost (whenever spent, within retention) of the events that named no PR themselves.
     */
    public record SessionShare(int prs, double costUsd) {
    }

    public Map<String, SessionShare> sessionShares(List<String> sessions) {
        Map<String, SessionShare> out = new HashMap<>();
        for (List<String> chunk : chunks(sessions)) {
            db.each("SELECT sc.session_id, COUNT(DISTINCT pc.pull_request_id), (SELECT SUM(h.cost_usd - "
                    + "h.direct_cost_usd) FROM usage_session_hourly h WHERE h.session_id = sc.session_id) "
                    + "FROM session_commit sc JOIN pr_commit pc ON " + COMMIT_MATCH + " WHERE sc.session_id IN ("
                    + Db.placeholders(chunk.size()) + ") GROUP BY sc.session_id",
                    rs -> out.put(rs.getString(1), new SessionShare(rs.getInt(2), rs.getDouble(3))), chunk.toArray());
        }
        return out;
    }

    /**
     * The team's cost in the period of events that named no PR, in sessions that produced a commit of some PR: the
     * part of the unattributed cost that reached a PR through its session. The sessions are found from their commits
     * made within {@link #SESSION_REACH} of the period (far fewer rows than the period's session rollup), then their
     * rollup rows of the period are read by key.
     */
    public double throughSessions(String team, Period period) {
        String sql = "SELECT COALESCE(SUM(h.cost_usd - h.direct_cost_usd), 0) FROM usage_session_hourly h "
                + "WHERE h.session_id IN (SELECT sc.session_id FROM session_commit sc WHERE sc.team_id = ? "
                + "AND sc.occurred_at >= ? AND sc.occurred_at < ? AND sc.in_pr) "
                + "AND h.team_id = ? AND h.bucket_start >= ? AND h.bucket_start < ?";
        return db.one(sql, rs -> rs.getDouble(1), team, period.start().minus(SESSION_REACH),
                period.end().plus(SESSION_REACH), team, period.start(), period.end()).orElse(0d);
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }
}
