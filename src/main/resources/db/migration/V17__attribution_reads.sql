-- What the AI-impact and lead-time reads of a period need, kept beside each PR's commits when they are written, so a
-- scorecard reads one team's PRs and their commits and nothing else (docs/architecture.md "Attribution reads").

-- The AI marker of the commit's message (as gh_commit.ai_agent), and whether a session of the PR's team reported
-- making it (a session_commit row with this full id).
ALTER TABLE pr_commit ADD COLUMN ai_agent VARCHAR(16);
ALTER TABLE pr_commit ADD COLUMN session_linked BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE pr_commit SET ai_agent = (SELECT MAX(c.ai_agent) FROM gh_commit c WHERE c.sha = pr_commit.sha)
WHERE sha IN (SELECT sha FROM gh_commit WHERE ai_agent IS NOT NULL);
UPDATE pr_commit SET session_linked = TRUE
WHERE sha IN (SELECT full_sha FROM session_commit WHERE full_sha IS NOT NULL);

-- The earliest commit time of the PR's commits, as pushes showed it: where its lead time for changes starts.
ALTER TABLE gh_pull_request ADD COLUMN first_commit_at TIMESTAMP WITH TIME ZONE;
UPDATE gh_pull_request SET first_commit_at = (SELECT MIN(pc.committed_at) FROM pr_commit pc
    WHERE pc.pull_request_id = gh_pull_request.id)
WHERE id IN (SELECT pull_request_id FROM pr_commit WHERE committed_at IS NOT NULL);
