-- PostgreSQL only: a team's sessions whose commits reached a PR, by commit time, from the index alone. It replaces
-- V13's covering index of every session commit, which that read no longer needs.
CREATE INDEX session_commit_in_pr_idx ON session_commit (team_id, occurred_at) INCLUDE (session_id) WHERE in_pr;
DROP INDEX IF EXISTS session_commit_team_cover_idx;
