package dev.tokenwise.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Seeds the delivery side of the shared benchmark database, for the same teams and repositories as
 * {@link UsageSeeder}: the team rows themselves ({@code bench-t000} … in four time zones, minimum contributors 3),
 * their two repositories {@code bench/<team>-r0|r1} mapped in {@code repo}, and, over the usage seed's 90 days,
 * 200,000 pull requests (1,000 per repository, numbers 1..1000, so the usage events' PR numbers 1..500 refer to
 * them; 85 % merged, 1 % reverts, 30 % labelled ai-assisted, one review each), 20,000 issues, 52,000 deployment
 * statuses, 500,000 workflow runs and 2,000 revert pushes. Server-side generate_series with a fixed random seed.
 * Idempotent like {@link UsageSeeder}: the marker table {@code bench_delivery_seed} records the seed and a later
 * call reuses it. Never touches usage tables.
 */
public final class DeliverySeeder {

    public static final int PULL_REQUESTS = 200_000;
    static final String SPEC = "v2;prs=" + PULL_REQUESTS + ";teams=100;days=90;end=2026-01-05";
    static final String[] ZONES = { "Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo" };

    private DeliverySeeder() {
    }

    /** Seeds unless the same seed is recorded; returns the seeding time, or the recorded one when reused. */
    public static UsageSeeder.Result ensure(DataSource ds, UsageSeeder.Spec usage) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS bench_delivery_seed (spec VARCHAR(200) PRIMARY KEY, "
                        + "seeded_at TIMESTAMP WITH TIME ZONE NOT NULL, seconds DOUBLE PRECISION NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seconds FROM bench_delivery_seed WHERE spec = ?")) {
                ps.setString(1, SPEC);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new UsageSeeder.Result(true, rs.getDouble(1));
                    }
                }
            }
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            seed(c, usage);
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM bench_delivery_seed");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_delivery_seed (spec, seeded_at, seconds) "
                    + "VALUES (?, now(), ?)")) {
                ps.setString(1, SPEC);
                ps.setDouble(2, seconds);
                ps.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            return new UsageSeeder.Result(false, seconds);
        }
    }

    private static void seed(Connection c, UsageSeeder.Spec usage) throws SQLException {
        String start = "timestamptz '" + usage.startInstant() + "'";
        String span = "interval '" + usage.days() + " days'";
        String team = "'bench-t' || lpad((g % 100)::text, 3, '0')";
        String repo = "'bench/' || " + team + " || '-r' || ((g / 100) % 2)";
        try (Statement s = c.createStatement()) {
            // What AttributionSeeder added to these PRs is added again to the new ones.
            AttributionSeeder.forget(s);
            for (String sql : new String[] { "SELECT setseed(0.42)",
                    "DELETE FROM gh_label WHERE item_id >= 10000000 AND item_id < 30000000",
                    "DELETE FROM gh_review WHERE id >= 10000000 AND id < 20000000",
                    "DELETE FROM gh_pull_request WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM gh_issue WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM gh_deployment_status WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM gh_workflow_run WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM gh_revert_push WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM repo WHERE team_id LIKE 'bench-t%'",
                    "DELETE FROM team WHERE id LIKE 'bench-t%'",
                    "INSERT INTO team (id, channel, timezone, created_at, updated_at) SELECT 'bench-t' || "
                            + "lpad(t::text, 3, '0'), 'CBENCH' || t, (ARRAY['" + String.join("', '", ZONES)
                            + "'])[1 + t % 4], now(), now() FROM generate_series(0, " + (usage.teams() - 1) + ") t",
                    "INSERT INTO repo (full_name, team_id, updated_at) SELECT 'bench/bench-t' || lpad(t::text, 3, '0') "
                            + "|| '-r' || x, 'bench-t' || lpad(t::text, 3, '0'), now() FROM generate_series(0, "
                            + (usage.teams() - 1) + ") t, (VALUES (0), (1)) v(x)",
                    // PR g: team g % 100, repository (g / 100) % 2, number 1 + g / 200 (unique per repository).
                    "INSERT INTO gh_pull_request (id, repo, pr_number, team_id, author, created_at, ready_at, "
                            + "merged_at, merge_commit_sha, is_revert, first_review_at, state_at) SELECT "
                            + "10000000 + g, " + repo + ", 1 + g / 200, " + team + ", "
                            + "left(md5('author-' || (g % 100) || '-' || (g % 7)), 32), created, "
                            + "CASE WHEN r3 < 0.2 THEN created + r2 * interval '6 hours' END, "
                            + "CASE WHEN r1 < 0.85 THEN created + (1 + r2 * 96) * interval '1 hour' END, "
                            + "CASE WHEN r1 < 0.85 THEN md5('sha' || g) END, r3 > 0.99, "
                            + "created + (0.5 + r1 * 30) * interval '1 hour', created "
                            + "FROM (SELECT g, " + start + " + random() * " + span + " AS created, random() r1, "
                            + "random() r2, random() r3 FROM generate_series(0, " + (PULL_REQUESTS - 1) + ") g) x",
                    "INSERT INTO gh_review (id, pull_request_id, reviewer, submitted_at) SELECT id, id, "
                            + "left(md5('reviewer' || id), 32), first_review_at FROM gh_pull_request "
                            + "WHERE team_id LIKE 'bench-t%'",
                    "INSERT INTO gh_label (item_kind, item_id, name) SELECT 'pr', id, 'ai-assisted' "
                            + "FROM gh_pull_request WHERE team_id LIKE 'bench-t%' AND id % 10 < 3",
                    "INSERT INTO gh_issue (id, repo, issue_number, team_id, author, created_at, closed_at, state_at) "
                            + "SELECT 20000000 + g, " + repo + ", g, " + team + ", left(md5('issue' || g), 32), "
                            + "created, CASE WHEN g % 3 > 0 THEN created + random() * interval '20 hours' END, created "
                            + "FROM (SELECT g, " + start + " + random() * " + span + " AS created "
                            + "FROM generate_series(1, 20000) g) x",
                    "INSERT INTO gh_label (item_kind, item_id, name) SELECT 'issue', id, "
                            + "CASE WHEN id % 2 = 0 THEN 'bug' ELSE 'incident' END FROM gh_issue "
                            + "WHERE team_id LIKE 'bench-t%'",
                    "INSERT INTO gh_deployment_status (id, deployment_id, repo, team_id, environment, state, "
                            + "created_at) SELECT 30000000 + g, g, " + repo + ", " + team + ", CASE WHEN g % 7 = 0 "
                            + "THEN 'staging' ELSE 'production' END, CASE WHEN g % 9 = 0 THEN 'failure' "
                            + "WHEN g % 17 = 0 THEN 'error' ELSE 'success' END, " + start + " + random() * " + span
                            + " FROM generate_series(1, 52000) g",
                    "INSERT INTO gh_workflow_run (run_id, run_attempt, repo, team_id, conclusion, completed_at) "
                            + "SELECT 40000000 + g, CASE WHEN g % 10 = 0 THEN 2 ELSE 1 END, " + repo + ", " + team
                            + ", 'success', " + start + " + random() * " + span + " FROM generate_series(1, 500000) g",
                    "INSERT INTO gh_revert_push (repo, head_sha, team_id, pushed_at) SELECT " + repo + ", "
                            + "md5('push' || g), " + team + ", " + start + " + random() * " + span
                            + " FROM generate_series(1, 2000) g" }) {
                long t0 = System.nanoTime();
                s.execute(sql);
                int n = s.getUpdateCount();
                System.out.printf("  delivery seed: %,d rows in %.1f s: %s%n", Math.max(n, 0),
                        (System.nanoTime() - t0) / 1e9, sql.substring(0, Math.min(50, sql.length())));
            }
        }
    }
}
