-- PostgreSQL only: a team's merged PRs with their authors (the digest chart's 12 weeks, the scorecard's contributors)
-- and its workflow runs with their attempt (the rerun ratio), from the indexes alone. A team's PRs and runs are spread
-- over the heap among every other team's, so reading the rows touched a page per row. The covering indexes replace
-- the plain ones on the same keys.
CREATE INDEX gh_pull_request_merged_cover_idx ON gh_pull_request (team_id, merged_at) INCLUDE (author);
DROP INDEX IF EXISTS gh_pull_request_merged_idx;
CREATE INDEX gh_workflow_run_team_cover_idx ON gh_workflow_run (team_id, completed_at) INCLUDE (run_attempt);
DROP INDEX IF EXISTS gh_workflow_run_team_idx;
