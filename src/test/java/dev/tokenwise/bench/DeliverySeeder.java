package dev.tokenwise.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Seeds a PostgreSQL database, with plain JDBC and server-side generate_series, for the scorecard benchmark:
 * 100 teams (4 time zones, 2 repositories each) and, over the 52 weeks from Mon 17 Nov 2025, 200,000 pull requests
 * (85 % merged, 1 % reverts, 30 % labelled ai-assisted, 40 % referenced by usage, one review each), 20,000 issues,
 * 52,000 deployment statuses, 500,000 workflow runs and 2,000 revert pushes; plus 10 million raw usage events and
 * their hourly rollups (a simple stand-in for the ingest engineer's usage seeder). Idempotent: does nothing when
 * the data is already there.
 */
public final class DeliverySeeder {

    public static final int TEAMS = 100;
    public static final int PULL_REQUESTS = 200_000;
    public static final long USAGE_EVENTS = 10_000_000L;
    /** First Monday of the seeded year; weeks are counted from here. */
    public static final String START = "2025-11-17";

    private DeliverySeeder() {
    }

    public static boolean seeded(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM gh_pull_request WHERE team_id LIKE "
                        + "'bench-%'), (SELECT COUNT(*) FROM usage_event WHERE team_id LIKE 'bench-%')")) {
            rs.next();
            return rs.getLong(1) >= PULL_REQUESTS && rs.getLong(2) >= USAGE_EVENTS;
        }
    }

    public static void seed(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : new String[] { "DELETE FROM gh_label WHERE item_id >= 10000000",
                    "DELETE FROM gh_review WHERE id >= 10000000",
                    "DELETE FROM gh_pull_request WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM gh_issue WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM gh_deployment_status WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM gh_workflow_run WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM gh_revert_push WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM usage_pr_ref WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM usage_hourly WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM usage_event WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM repo WHERE team_id LIKE 'bench-%'",
                    "DELETE FROM team WHERE id LIKE 'bench-%'",
                    // Teams in four time zones, two repositories each.
                    "INSERT INTO team (id, channel, timezone, created_at, updated_at) SELECT "
                            + "'bench-' || lpad(t::text, 3, '0'), 'CBENCH' || t, (ARRAY['Europe/Berlin', "
                            + "'America/New_York', 'UTC', 'Asia/Tokyo'])[1 + t % 4], now(), now() "
                            + "FROM generate_series(0, 99) t",
                    "INSERT INTO repo (full_name, team_id, updated_at) SELECT 'bench-org/repo-' || lpad(t::text, 3, "
                            + "'0') || '-' || x, 'bench-' || lpad(t::text, 3, '0'), now() FROM generate_series(0, 99) t, "
                            + "(VALUES ('a'), ('b')) v(x)",
                    // 200,000 PRs spread uniformly over the year; 7 authors per team.
                    "INSERT INTO gh_pull_request (id, repo, pr_number, team_id, author, created_at, ready_at, "
                            + "merged_at, merge_commit_sha, is_revert, first_review_at, state_at) SELECT "
                            + "10000000 + g, 'bench-org/repo-' || lpad((g % 100)::text, 3, '0') || '-' || "
                            + "(CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END), g, 'bench-' || lpad((g % 100)::text, 3, '0'), "
                            + "left(md5('author-' || (g % 100) || '-' || (g % 7)), 32), created, "
                            + "CASE WHEN r3 < 0.2 THEN created + r2 * interval '6 hours' END, "
                            + "CASE WHEN r1 < 0.85 THEN created + (1 + r2 * 96) * interval '1 hour' END, "
                            + "CASE WHEN r1 < 0.85 THEN md5('sha' || g) END, r3 > 0.99, "
                            + "created + (0.5 + r1 * 30) * interval '1 hour', created "
                            + "FROM (SELECT g, timestamptz '" + START + " 00:00:00+00' + random() * interval '364 days' "
                            + "AS created, random() r1, random() r2, random() r3 FROM generate_series(1, "
                            + PULL_REQUESTS + ") g) x",
                    "INSERT INTO gh_review (id, pull_request_id, reviewer, submitted_at) SELECT id, id, "
                            + "left(md5('reviewer' || id), 32), first_review_at FROM gh_pull_request "
                            + "WHERE team_id LIKE 'bench-%'",
                    "INSERT INTO gh_label (item_kind, item_id, name) SELECT 'pr', id, 'ai-assisted' "
                            + "FROM gh_pull_request WHERE team_id LIKE 'bench-%' AND id % 10 < 3",
                    "INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at) SELECT repo, pr_number, "
                            + "team_id, created_at FROM gh_pull_request WHERE team_id LIKE 'bench-%' AND id % 5 IN (1, 3)",
                    "INSERT INTO gh_issue (id, repo, issue_number, team_id, author, created_at, closed_at, state_at) "
                            + "SELECT 20000000 + g, 'bench-org/repo-' || lpad((g % 100)::text, 3, '0') || '-a', g, "
                            + "'bench-' || lpad((g % 100)::text, 3, '0'), left(md5('issue' || g), 32), created, "
                            + "CASE WHEN g % 3 > 0 THEN created + random() * interval '20 hours' END, created "
                            + "FROM (SELECT g, timestamptz '" + START + " 00:00:00+00' + random() * interval '364 days' "
                            + "AS created FROM generate_series(1, 20000) g) x",
                    "INSERT INTO gh_label (item_kind, item_id, name) SELECT 'issue', id, "
                            + "CASE WHEN id % 2 = 0 THEN 'bug' ELSE 'incident' END FROM gh_issue "
                            + "WHERE team_id LIKE 'bench-%'",
                    "INSERT INTO gh_deployment_status (id, deployment_id, repo, team_id, environment, state, "
                            + "created_at) SELECT 30000000 + g, g, 'bench-org/repo-' || lpad((g % 100)::text, 3, '0') "
                            + "|| '-a', 'bench-' || lpad((g % 100)::text, 3, '0'), CASE WHEN g % 7 = 0 THEN 'staging' "
                            + "ELSE 'production' END, CASE WHEN g % 9 = 0 THEN 'failure' WHEN g % 17 = 0 THEN 'error' "
                            + "ELSE 'success' END, timestamptz '" + START + " 00:00:00+00' + random() * "
                            + "interval '364 days' FROM generate_series(1, 52000) g",
                    "INSERT INTO gh_workflow_run (run_id, run_attempt, repo, team_id, conclusion, completed_at) "
                            + "SELECT 40000000 + g, CASE WHEN g % 10 = 0 THEN 2 ELSE 1 END, 'bench-org/repo-' || "
                            + "lpad((g % 100)::text, 3, '0') || '-b', 'bench-' || lpad((g % 100)::text, 3, '0'), "
                            + "'success', timestamptz '" + START + " 00:00:00+00' + random() * interval '364 days' "
                            + "FROM generate_series(1, 500000) g",
                    "INSERT INTO gh_revert_push (repo, head_sha, team_id, pushed_at) SELECT 'bench-org/repo-' || "
                            + "lpad((g % 100)::text, 3, '0') || '-a', md5('push' || g), 'bench-' || "
                            + "lpad((g % 100)::text, 3, '0'), timestamptz '" + START + " 00:00:00+00' + random() * "
                            + "interval '364 days' FROM generate_series(1, 2000) g",
                    // 10 M raw usage events (what retention keeps) and the hourly rollups figures read.
                    "INSERT INTO usage_event (occurred_at, team_id, repo, workflow, tool, model, input_tokens, "
                            + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, "
                            + "cost_reported, priced, session_id, pull_request, actor, source, received_at) SELECT "
                            + "at, 'bench-' || lpad((g % 100)::text, 3, '0'), 'bench-org/repo-' || "
                            + "lpad((g % 100)::text, 3, '0') || '-a', (ARRAY['coding', 'testing', 'review', 'docs'])"
                            + "[1 + g % 4], 'claude-code', 'claude-sonnet-4-5', 1000 + g % 5000, 20000, 500, 800, 100, "
                            + "0.01 + (g % 100) / 1000.0, false, true, 's' || (g / 50), CASE WHEN g % 3 = 0 THEN "
                            + "(g % 2000)::int END, left(md5('author-' || (g % 100) || '-' || (g % 7)), 32), 'usage', at "
                            + "FROM (SELECT g, timestamptz '" + START + " 00:00:00+00' + (g % 8736) * interval "
                            + "'1 hour' + (g % 3600) * interval '1 second' AS at FROM generate_series(1, "
                            + USAGE_EVENTS + ") g) x",
                    "INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, attributed, events, "
                            + "cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, "
                            + "reasoning_tokens, unpriced_events) SELECT team_id, date_trunc('hour', occurred_at), "
                            + "workflow, model, tool, repo, pull_request IS NOT NULL, COUNT(*), SUM(cost_usd), "
                            + "SUM(input_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), "
                            + "SUM(output_tokens), SUM(reasoning_tokens), 0 FROM usage_event WHERE team_id LIKE "
                            + "'bench-%' GROUP BY 1, 2, 3, 4, 5, 6, 7" }) {
                long t0 = System.nanoTime();
                int n = s.executeUpdate(sql);
                System.out.printf("seed: %,d rows in %.1f s: %s%n", n, (System.nanoTime() - t0) / 1e9,
                        sql.substring(0, Math.min(60, sql.length())));
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE");
        }
    }
}
