package dev.tokenwise.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

/**
 * Seeds a PostgreSQL benchmark database with synthetic usage: {@code events} raw events spread evenly over
 * {@code days} days before {@code end}, across {@code teams} teams ({@code bench-t000} …), then builds the rollups
 * with {@code INSERT … SELECT … GROUP BY} the way ingest would have kept them. Deterministic (no randomness), and
 * skipped when the database already holds the same seed (marker table {@code bench_seed}), so every benchmark can
 * call it first. Server-side generation ({@code generate_series}) in chunks of one million rows, so the client
 * machine is not the bottleneck.
 * <p>
 * Usage from another benchmark: {@code UsageSeeder.Result r = UsageSeeder.ensure(dataSource, UsageSeeder.Spec.DEFAULT);}
 * Team ids are {@link Spec#team(int)}; each team has 40 pseudonymous contributors, two repositories
 * {@code bench/<team>-r0|r1}, PRs 1..500 per repository, five priced models and one unpriced one.
 */
public final class UsageSeeder {

    /** What to seed. {@link #DEFAULT}: 10 M events, 100 teams, 90 days ending Monday 2026-01-05 00:00 UTC. */
    public record Spec(long events, int teams, int days, LocalDate end) {

        public static final Spec DEFAULT = new Spec(10_000_000L, 100, 90, LocalDate.parse("2026-01-05"));

        String id() {
            return "v3;events=" + events + ";teams=" + teams + ";days=" + days + ";end=" + end;
        }

        public Instant endInstant() {
            return end.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        public Instant startInstant() {
            return endInstant().minusSeconds(86_400L * days);
        }

        /** The id of team {@code n} (0-based). */
        public static String team(int n) {
            return String.format("bench-t%03d", n);
        }
    }

    /** {@code seconds} is the seeding time, or the recorded time of the earlier seeding when {@code reused}. */
    public record Result(boolean reused, double seconds) {
    }

    private static final long CHUNK = 1_000_000L;

    private UsageSeeder() {
    }

    public static Result ensure(DataSource ds, Spec spec) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS bench_seed (spec VARCHAR(200) PRIMARY KEY, "
                        + "seeded_at TIMESTAMP WITH TIME ZONE NOT NULL, seconds DOUBLE PRECISION NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seconds FROM bench_seed WHERE spec = ?")) {
                ps.setString(1, spec.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Result(true, rs.getDouble(1));
                    }
                }
            }
            long t0 = System.nanoTime();
            seed(c, spec);
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM bench_seed");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_seed (spec, seeded_at, seconds) "
                    + "VALUES (?, now(), ?)")) {
                ps.setString(1, spec.id());
                ps.setDouble(2, seconds);
                ps.executeUpdate();
            }
            return new Result(false, seconds);
        }
    }

    private static void seed(Connection c, Spec spec) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            st.execute("SET synchronous_commit = off");
            st.execute("SET work_mem = '512MB'");
            st.execute("SET max_parallel_workers_per_gather = 2");
            st.execute("SET maintenance_work_mem = '512MB'");
            // What AttributionSeeder derived from the events is derived again from the new ones.
            AttributionSeeder.forget(st);
            // A different earlier seed: remove it (only bench-t* rows) before seeding anew.
            for (String table : new String[] { "usage_event", "usage_hourly", "usage_team_hourly",
                    "usage_session_hourly",
                    "usage_contributor", "usage_pr_ref" }) {
                st.execute("DELETE FROM " + table + " WHERE team_id LIKE 'bench-t%'");
            }
            // Indexes are rebuilt once at the end instead of maintained row by row.
            st.execute("DROP INDEX IF EXISTS usage_event_occurred_idx");
            st.execute("DROP INDEX IF EXISTS usage_event_model_idx");
            st.execute("ALTER TABLE usage_event DROP CONSTRAINT IF EXISTS usage_event_key_uk");
            double step = spec.days() * 86_400d / spec.events();
            for (long from = 1; from <= spec.events(); from += CHUNK) {
                long to = Math.min(spec.events(), from + CHUNK - 1);
                st.execute(insertChunk(spec, from, to, step));
                System.out.printf("  seeded %,d / %,d events%n", to, spec.events());
            }
            st.execute("CREATE INDEX usage_event_occurred_idx ON usage_event (occurred_at)");
            st.execute("CREATE INDEX usage_event_model_idx ON usage_event (model, occurred_at)");
            st.execute("ALTER TABLE usage_event ADD CONSTRAINT usage_event_key_uk UNIQUE (event_key)");
            st.execute("INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, attributed, events, "
                    + "cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, "
                    + "unpriced_events) SELECT team_id, date_trunc('hour', occurred_at), workflow, model, tool, "
                    + "COALESCE(repo, ''), pull_request IS NOT NULL, COUNT(*), SUM(cost_usd), SUM(input_tokens), "
                    + "SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), "
                    + "SUM(CASE WHEN priced THEN 0 ELSE 1 END) FROM usage_event WHERE team_id LIKE 'bench-t%' "
                    + "GROUP BY 1, 2, 3, 4, 5, 6, 7");
            st.execute("INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd) "
                    + "SELECT team_id, bucket_start, workflow, SUM(events), SUM(cost_usd) FROM usage_hourly "
                    + "WHERE team_id LIKE 'bench-t%' GROUP BY 1, 2, 3");
            st.execute("INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, workflow, model, tool, repo, "
                    + "events, cost_usd, first_at, last_at) SELECT session_id, date_trunc('hour', occurred_at), team_id, "
                    + "workflow, model, tool, COALESCE(repo, ''), COUNT(*), SUM(cost_usd), MIN(occurred_at), "
                    + "MAX(occurred_at) FROM usage_event WHERE team_id LIKE 'bench-t%' AND session_id IS NOT NULL "
                    + "GROUP BY 1, 2, 3, 4, 5, 6, 7");
            st.execute("INSERT INTO usage_contributor (team_id, bucket_start, actor) SELECT DISTINCT team_id, "
                    + "date_trunc('hour', occurred_at), actor FROM usage_event WHERE team_id LIKE 'bench-t%' "
                    + "AND actor IS NOT NULL");
            st.execute("INSERT INTO usage_pr_ref (repo, pull_request, team_id, first_seen_at) SELECT repo, pull_request, "
                    + "MIN(team_id), MIN(occurred_at) FROM usage_event WHERE team_id LIKE 'bench-t%' "
                    + "AND pull_request IS NOT NULL AND repo IS NOT NULL GROUP BY repo, pull_request "
                    + "ON CONFLICT DO NOTHING");
            st.execute("ANALYZE usage_event");
            st.execute("ANALYZE usage_hourly");
            st.execute("ANALYZE usage_team_hourly");
            st.execute("ANALYZE usage_session_hourly");
            st.execute("ANALYZE usage_contributor");
        }
    }

    /**
     * Rows {@code from..to}: event i is at end − (N − i) × step; team i % teams; the other dimensions are fixed
     * functions of i, so two seedings are identical. Costs follow the default price table.
     */
    private static String insertChunk(Spec spec, long from, long to, double step) {
        String end = "TIMESTAMPTZ '" + spec.endInstant() + "'";
        String team = "'bench-t' || lpad((i % " + spec.teams() + ")::text, 3, '0')";
        // k counts a team's own events; dimensions change every few of them, as a team's work does.
        String k = "(i / " + spec.teams() + ")";
        String wf = "(ARRAY['coding','testing','migration','review','docs','triage','other'])[1 + ((" + k
                + " / 8) * 7919) % 7]";
        String model = "CASE WHEN i % 100 = 37 THEN 'bench-unpriced-model' ELSE (ARRAY['claude-sonnet-4-5',"
                + "'claude-opus-4-5','claude-haiku-4-5','gpt-5','gpt-5-mini'])[1 + (((" + k + " / 8) * 7919) % 7 + ("
                + k + " / 4) % 2) % 5] END";
        String in = "(500 + i % 5000)";
        String cached = "((i * 13) % 20000)";
        String cw = "((i * 7) % 2000)";
        String out = "(100 + (i * 3) % 3000)";
        String cost = "CASE WHEN i % 100 = 37 THEN 0 ELSE (" + in + " * 3.0 + " + cached + " * 0.3 + " + cw + " * 3.75 + "
                + out + " * 15.0) / 1000000.0 END";
        return "INSERT INTO usage_event (event_key, occurred_at, team_id, repo, workflow, tool, model, input_tokens, "
                + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, cost_reported, "
                + "priced, session_id, pull_request, actor, source, received_at) "
                + "SELECT NULL, " + end + " - make_interval(secs => (" + spec.events() + " - i) * " + step + "), "
                + team + ", 'bench/' || " + team + " || '-r' || ((" + k + " / 1000) % 2), " + wf + ", "
                + "(ARRAY['claude-code','cursor','codex'])[1 + (i % " + spec.teams() + ") % 3], " + model + ", "
                + in + ", " + cached + ", " + cw + ", " + out + ", (" + out + ") / 4, " + cost + ", TRUE, "
                + "i % 100 <> 37, 'bench-s-' || (i % " + spec.teams() + ") || '-' || (i / (50 * " + spec.teams()
                + ")), CASE WHEN (" + k + " / 16) % 4 = 0 THEN 1 + (" + k + " / 64) % 500 END, "
                + "lpad(to_hex((i % " + spec.teams() + ") * 40 + (" + k + " / 20) % 40), 32, '0'), "
                + "'usage', " + end + " FROM generate_series(" + from + "::bigint, " + to + "::bigint) AS g(i)";
    }
}
