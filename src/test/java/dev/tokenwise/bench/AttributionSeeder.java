package dev.tokenwise.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Seeds what AI attribution (docs/contract.md §7.7) reads, on top of {@link UsageSeeder} and {@link DeliverySeeder}
 * and without re-seeding either: for the 200,000 seeded PRs their head branch and head commit, full 40-digit merge
 * commits, 1 to 5 commits each pushed to the head branch before the merge (about 3 % of PRs reuse the branch of the
 * repository's previous PR number, as a branch reused after a merge does), the merge commits pushed to {@code main},
 * AI markers in the commits of about 20 % of PRs, {@code pr_commit} as {@code github.PrCommits} assigns it,
 * {@code session_commit} linking a third of PRs to the seeded session that ran when one of their commits was made
 * (a 7-digit short id for 40 % of them), body markers (8 %), bot authors (2 %), the reverted PR of every revert PR
 * and the reverted merge commit of every revert push; the commit each deployment deployed (its repository's latest
 * merge commit at the time), as a deployment names its sha; what V17 keeps beside a PR's commits (their AI markers,
 * whether a session made them, the PR's first commit time); and the V11 cost columns of the usage rollups
 * ({@code usage_pr_ref.cost_usd}, {@code usage_session_hourly.direct_cost_usd}) summed from the seeded events as
 * ingest would have kept them. Deterministic (functions of the PR number, no randomness) and idempotent: marker
 * table {@code bench_attribution_seed}, which the other two seeders drop when they seed anew.
 */
public final class AttributionSeeder {

    static final String SPEC = "v5;attribution;" + DeliverySeeder.SPEC;
    static final String MARKER = "bench_attribution_seed";

    /** The seeded PRs: ids 10,000,000 + g, g = 0 .. 199,999. */
    private static final String BENCH_PR = "p.id >= 10000000 AND p.id < " + (10_000_000 + DeliverySeeder.PULL_REQUESTS);

    /** A 40-digit lower-case hex id made of {@code text}, as git's are. */
    private static String sha(String text) {
        return "(md5(" + text + ") || left(md5(" + text + " || '/'), 8))";
    }

    /**
     * 0..99 from {@code g}, different for every {@code salt} (md5 of both), so that the proportions chosen by different
     * salts are independent of each other and of the PR's team, repository and number.
     */
    private static String pct(String g, int salt) {
        return "(('x' || left(md5((" + g + ") || '/" + salt + "'), 4))::bit(16)::int % 100)";
    }

    private static final String AGENTS = "(ARRAY['claude', 'claude', 'claude', 'claude', 'copilot', 'codex', "
            + "'cursor', 'gemini'])";

    private AttributionSeeder() {
    }

    /** The marker no longer holds once the usage or delivery rows it was derived from are seeded anew. */
    static void forget(Statement st) throws SQLException {
        st.execute("DROP TABLE IF EXISTS " + MARKER);
    }

    /** Seeds unless the same seed is recorded; returns the seeding time, or the recorded one when reused. */
    public static UsageSeeder.Result ensure(DataSource ds, UsageSeeder.Spec usage) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + MARKER + " (spec VARCHAR(200) PRIMARY KEY, "
                        + "seeded_at TIMESTAMP WITH TIME ZONE NOT NULL, seconds DOUBLE PRECISION NOT NULL)");
            }
            String spec = SPEC + ";" + usage.id();
            try (PreparedStatement ps = c.prepareStatement("SELECT seconds FROM " + MARKER + " WHERE spec = ?")) {
                ps.setString(1, spec);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new UsageSeeder.Result(true, rs.getDouble(1));
                    }
                }
            }
            long t0 = System.nanoTime();
            // Autocommit, statement by statement: every statement replaces what it writes, so an interrupted
            // seeding is simply done again (no marker yet).
            try (Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
                st.execute("SET synchronous_commit = off");
                st.execute("SET work_mem = '256MB'");
                for (String sql : statements(usage)) {
                    long t1 = System.nanoTime();
                    st.execute(sql);
                    System.out.printf("  attribution seed: %,d rows in %.1f s: %s%n", Math.max(st.getUpdateCount(), 0),
                            (System.nanoTime() - t1) / 1e9, sql.substring(0, Math.min(60, sql.length())));
                }
                for (String table : new String[] { "gh_pull_request", "gh_commit", "pr_commit", "session_commit",
                        "gh_revert_push", "gh_deployment_status", "usage_pr_ref", "usage_session_hourly" }) {
                    st.execute("VACUUM ANALYZE " + table);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM " + MARKER);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + MARKER + " (spec, seeded_at, seconds) "
                    + "VALUES (?, now(), ?)")) {
                ps.setString(1, spec);
                ps.setDouble(2, seconds);
                ps.executeUpdate();
            }
            return new UsageSeeder.Result(false, seconds);
        }
    }

    private static String[] statements(UsageSeeder.Spec usage) {
        String g = "(p.id - 10000000)";
        // Commits per PR: 1..5 (3 on average).
        String n = "(1 + (" + g + " * 7 + " + g + " / 13) % 5)";
        // A session of UsageSeeder: team t's events i (i % teams = t) with i / (50 × teams) = b, which ran from
        // start + b × 50 × teams × step for as long; step = days × 86,400 s / events.
        double sessionSeconds = 50d * usage.teams() * usage.days() * 86_400d / usage.events();
        long sessions = usage.events() / (50L * usage.teams());
        String start = "timestamptz '" + usage.startInstant() + "'";
        String sessionOf = "'bench-s-' || (" + g + " % " + usage.teams() + ") || '-' || LEAST(" + (sessions - 1)
                + ", GREATEST(0, floor(extract(epoch FROM c.committed_at - " + start + ") / " + sessionSeconds
                + ")::bigint))";
        return new String[] {
                "DELETE FROM session_commit WHERE team_id LIKE 'bench-t%'",
                "DELETE FROM pr_commit p WHERE " + BENCH_PR.replace("p.id", "p.pull_request_id"),
                "DELETE FROM gh_commit WHERE team_id LIKE 'bench-t%'",
                // Merge commits get git's 40 digits (DeliverySeeder's are md5's 32); a revert PR reverts an
                // earlier PR number of its repository; 3 % of PRs reuse the branch of the number before.
                "UPDATE gh_pull_request p SET merge_commit_sha = CASE WHEN merged_at IS NOT NULL THEN "
                        + sha("'sha' || " + g) + " END, "
                        + "head_ref = 'feature/' || CASE WHEN " + pct(g, 1) + " < 3 AND " + g + " >= 200 THEN "
                        + g + " - 200 ELSE " + g + " END, "
                        + "head_sha = " + sha("'c' || " + g + " || '-' || (" + n + " - 1)") + ", "
                        + "body_ai_agent = CASE WHEN " + pct(g, 2) + " < 5 THEN 'claude' WHEN " + pct(g, 2)
                        + " < 8 THEN 'copilot' END, "
                        + "bot_agent = CASE WHEN " + pct(g, 3) + " < 1 THEN 'copilot' WHEN " + pct(g, 3)
                        + " < 2 THEN 'devin' END, "
                        + "reverts_repo = CASE WHEN is_revert AND pr_number > 3 THEN repo END, "
                        + "reverts_pr = CASE WHEN is_revert AND pr_number > 3 THEN pr_number - 1 - " + g
                        + " % 3 END WHERE " + BENCH_PR,
                // Commit j of n pushed at created − 10 min + j/n of the way to the merge (a day when not merged):
                // all before the merge. PRs with AI commits: one of their commits and the head one carry it.
                "INSERT INTO gh_commit (repo, sha, branch, team_id, committed_at, pushed_at, ai_agent) SELECT "
                        + "p.repo, " + sha("'c' || " + g + " || '-' || j") + ", p.head_ref, p.team_id, "
                        + "x.pushed - interval '5 minutes', x.pushed, CASE WHEN " + pct(g, 4) + " < 20 AND (j = "
                        + g + " % " + n + " OR j = " + n + " - 1) THEN " + AGENTS + "[1 + " + pct(g, 5)
                        + " % 8] END FROM gh_pull_request p CROSS JOIN LATERAL generate_series(0, " + n
                        + " - 1) j CROSS JOIN LATERAL (SELECT p.created_at - interval '10 minutes' + j * "
                        + "(COALESCE(p.merged_at, p.created_at + interval '1 day') - p.created_at) / " + n
                        + " AS pushed) x WHERE " + BENCH_PR,
                // The merge (squash) commits, pushed to the default branch; half of the AI PRs' keep the marker.
                "INSERT INTO gh_commit (repo, sha, branch, team_id, committed_at, pushed_at, ai_agent) SELECT "
                        + "p.repo, p.merge_commit_sha, 'main', p.team_id, p.merged_at, p.merged_at, CASE WHEN "
                        + pct(g, 4) + " < 20 AND " + pct(g, 6) + " < 50 THEN " + AGENTS + "[1 + " + pct(g, 5)
                        + " % 8] END FROM gh_pull_request p WHERE " + BENCH_PR + " AND p.merged_at IS NOT NULL",
                // github.PrCommits: a PR's head and merge commits, and each commit of its branch goes to the first
                // PR from that branch merged at or after its push (all of them on a tie), else the open ones.
                "INSERT INTO pr_commit (pull_request_id, sha, committed_at) SELECT p.id, c.sha, c.committed_at "
                        + "FROM gh_commit c JOIN gh_pull_request p ON p.repo = c.repo AND p.head_ref = c.branch "
                        + "CROSS JOIN LATERAL (SELECT MIN(q.merged_at) AS first FROM gh_pull_request q "
                        + "WHERE q.repo = c.repo AND q.head_ref = c.branch AND q.merged_at >= c.pushed_at) f "
                        + "WHERE c.team_id LIKE 'bench-t%' AND c.branch <> 'main' AND (p.merged_at = f.first "
                        + "OR (f.first IS NULL AND p.merged_at IS NULL)) ON CONFLICT DO NOTHING",
                // Then each PR's head and merge commits (the head, pushed to the branch, has its time already).
                "INSERT INTO pr_commit (pull_request_id, sha) SELECT p.id, p.head_sha FROM gh_pull_request p "
                        + "WHERE " + BENCH_PR + " UNION SELECT p.id, p.merge_commit_sha FROM gh_pull_request p "
                        + "WHERE " + BENCH_PR + " AND p.merge_commit_sha IS NOT NULL ON CONFLICT DO NOTHING",
                // A third of PRs: the session of the PR's team running when one of its commits was made produced
                // it (short id for 40 %). Tool: the team's, as UsageSeeder gives it.
                "INSERT INTO session_commit (session_id, commit_sha, team_id, tool, occurred_at, full_sha) SELECT "
                        + sessionOf + ", CASE WHEN " + pct(g, 8) + " < 40 THEN left(c.sha, 7) ELSE c.sha END, "
                        + "p.team_id, (ARRAY['claude-code', 'cursor', 'codex'])[1 + (" + g + " % "
                        + usage.teams() + ") % 3], c.committed_at, c.sha FROM gh_pull_request p JOIN gh_commit c "
                        + "ON c.repo = p.repo AND c.branch = p.head_ref AND c.sha = " + sha("'c' || " + g
                                + " || '-' || ((" + g + " / 3) % " + n + ")")
                        + " WHERE " + BENCH_PR + " AND " + pct(g, 7) + " < 33 ON CONFLICT DO NOTHING",
                // V17: the commits' AI markers and whether a session made them, and each PR's first commit time.
                "UPDATE pr_commit pc SET ai_agent = c.ai_agent FROM gh_commit c WHERE c.sha = pc.sha "
                        + "AND c.ai_agent IS NOT NULL AND c.team_id LIKE 'bench-t%'",
                "UPDATE pr_commit SET session_linked = TRUE WHERE sha IN (SELECT full_sha FROM session_commit "
                        + "WHERE team_id LIKE 'bench-t%')",
                // V18: the session commits that are a PR's.
                "UPDATE session_commit SET in_pr = TRUE WHERE team_id LIKE 'bench-t%' AND full_sha IN (SELECT sha "
                        + "FROM pr_commit)",
                "UPDATE gh_pull_request p SET first_commit_at = f.first FROM (SELECT pull_request_id, "
                        + "MIN(committed_at) AS first FROM pr_commit GROUP BY pull_request_id) f "
                        + "WHERE f.pull_request_id = p.id AND " + BENCH_PR,
                // Every deployment names the commit it deployed: its repository's latest merge commit by then.
                // One pass over merges and deployments in time order per repository: grp counts the merges so far,
                // so a deployment's group starts with the latest merge at or before it (merges first on a tie).
                "UPDATE gh_deployment_status d SET sha = x.sha FROM (SELECT id, kind, FIRST_VALUE(merge_sha) OVER "
                        + "(PARTITION BY repo, grp ORDER BY t, kind) AS sha FROM (SELECT kind, id, repo, t, merge_sha, "
                        + "COUNT(merge_sha) OVER (PARTITION BY repo ORDER BY t, kind) AS grp FROM (SELECT 0 AS kind, "
                        + "p.id, p.repo, p.merged_at AS t, p.merge_commit_sha AS merge_sha FROM gh_pull_request p "
                        + "WHERE " + BENCH_PR + " AND p.merged_at IS NOT NULL UNION ALL SELECT 1, s.id, s.repo, "
                        + "s.created_at, NULL FROM gh_deployment_status s WHERE s.team_id LIKE 'bench-t%') e) g) x "
                        + "WHERE x.kind = 1 AND x.id = d.id",
                // Each revert push reverts the merge commit of a PR of its own repository (g ≡ team + 100 × repo,
                // mod 200); null when that PR is not merged.
                "UPDATE gh_revert_push x SET reverts_sha = (SELECT p.merge_commit_sha FROM gh_pull_request p "
                        + "WHERE p.id = 10000000 + (('x' || left(x.head_sha, 6))::bit(24)::int % 1000) * 200 "
                        + "+ substr(x.team_id, 8)::int + 100 * right(x.repo, 1)::int) WHERE x.team_id LIKE 'bench-t%'",
                // The V11 rollup columns, as ingest keeps them: the cost of the events naming each PR, and the cost
                // of each session row's events that named a PR (UsageSeeder's buckets: UTC hours).
                "UPDATE usage_pr_ref u SET cost_usd = e.cost FROM (SELECT repo, pull_request, SUM(cost_usd) AS cost "
                        + "FROM usage_event WHERE team_id LIKE 'bench-t%' AND pull_request IS NOT NULL "
                        + "AND repo IS NOT NULL GROUP BY repo, pull_request) e WHERE u.repo = e.repo "
                        + "AND u.pull_request = e.pull_request AND u.cost_usd IS DISTINCT FROM e.cost",
                "UPDATE usage_session_hourly SET direct_cost_usd = 0 WHERE team_id LIKE 'bench-t%' "
                        + "AND direct_cost_usd <> 0",
                "UPDATE usage_session_hourly h SET direct_cost_usd = e.cost FROM (SELECT session_id, "
                        + "date_trunc('hour', occurred_at) AS bucket, team_id, workflow, model, tool, "
                        + "COALESCE(repo, '') AS repo, SUM(cost_usd) AS cost FROM usage_event "
                        + "WHERE team_id LIKE 'bench-t%' AND session_id IS NOT NULL AND pull_request IS NOT NULL "
                        + "GROUP BY 1, 2, 3, 4, 5, 6, 7) e WHERE h.session_id = e.session_id "
                        + "AND h.bucket_start = e.bucket AND h.team_id = e.team_id AND h.workflow = e.workflow "
                        + "AND h.model = e.model AND h.tool = e.tool AND h.repo = e.repo" };
    }
}
