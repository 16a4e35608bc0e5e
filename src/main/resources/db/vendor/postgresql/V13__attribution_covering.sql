-- PostgreSQL only: covering indexes for the unattributed part of a period's cost (docs/contract.md §7.7), read by
-- every scorecard and /tokenwise cost-per-pr answer. The sessions that made a commit near the period, then their
-- rollup rows of the period, are read from the indexes alone (no heap fetch per row); on the 10 M-event benchmark
-- seed this took /tokenwise cost-per-pr's p99 from 461 ms to 317 ms (docs/operators.md).
CREATE INDEX session_commit_team_cover_idx ON session_commit (team_id, occurred_at) INCLUDE (session_id, full_sha);
CREATE INDEX usage_session_hourly_cost_idx ON usage_session_hourly (session_id, team_id, bucket_start)
    INCLUDE (cost_usd, direct_cost_usd);
