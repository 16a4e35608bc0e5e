-- GitHub facts kept at ingest for AI attribution and DORA keys (docs/contract.md §6.2). Titles, bodies and commit
-- messages are read at ingest and never stored: only what is derived from them (an AI marker's agent, closed
-- issues, the reverted PR). Agents are short lower-case names (claude, copilot, codex, cursor, gemini, devin,
-- aider, windsurf, jules; 'other' for a custom pattern or bot login naming none of them).

-- Commits of pushes to any branch: one row per commit and branch (a commit can be pushed to several branches).
-- A later push of the same commit to the same branch keeps the earliest push time.
CREATE TABLE gh_commit (
    repo         VARCHAR(200) NOT NULL,
    sha          VARCHAR(64)  NOT NULL,
    branch       VARCHAR(255) NOT NULL,                -- without refs/heads/
    team_id      VARCHAR(64)  NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE,            -- the commit's timestamp
    pushed_at    TIMESTAMP WITH TIME ZONE NOT NULL,   -- repository.pushed_at, else the head commit's time
    ai_agent     VARCHAR(16),                         -- agent of the first AI marker in its message, null: none
    PRIMARY KEY (repo, sha, branch)
);
CREATE INDEX gh_commit_sha_idx ON gh_commit (sha);
CREATE INDEX gh_commit_team_idx ON gh_commit (team_id, pushed_at);

ALTER TABLE gh_pull_request ADD COLUMN head_ref VARCHAR(255);       -- head branch, as of the newest snapshot
ALTER TABLE gh_pull_request ADD COLUMN head_sha VARCHAR(64);        -- head commit, as of the newest snapshot
ALTER TABLE gh_pull_request ADD COLUMN body_ai_agent VARCHAR(16);   -- AI marker in the body (newest snapshot)
ALTER TABLE gh_pull_request ADD COLUMN bot_agent VARCHAR(16);       -- author is this agent's bot; null: not a bot
ALTER TABLE gh_pull_request ADD COLUMN reverts_repo VARCHAR(200);   -- 'Reverts owner/repo#N' in the body
ALTER TABLE gh_pull_request ADD COLUMN reverts_pr INTEGER;
CREATE INDEX gh_pull_request_head_idx ON gh_pull_request (head_sha);

-- Issues a PR closes ('fixes|closes|resolves #N' in its body, newest snapshot), at most 50 per PR.
CREATE TABLE gh_pr_closes_issue (
    pull_request_id BIGINT  NOT NULL,
    issue_number    INTEGER NOT NULL,
    PRIMARY KEY (pull_request_id, issue_number)
);

ALTER TABLE gh_deployment_status ADD COLUMN sha VARCHAR(64);         -- the deployment's sha
CREATE INDEX gh_deployment_status_sha_idx ON gh_deployment_status (sha);

-- The settings gain ai_commit_patterns (up to 50 regexes of 200 characters) and ai_bot_authors: their JSON, and the
-- audit rows holding it before and after a change, need more room.
ALTER TABLE setting ALTER COLUMN value_json SET DATA TYPE VARCHAR(60000);
ALTER TABLE audit_log ALTER COLUMN before_json SET DATA TYPE VARCHAR(60000);
ALTER TABLE audit_log ALTER COLUMN after_json SET DATA TYPE VARCHAR(60000);
