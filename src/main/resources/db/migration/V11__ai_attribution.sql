-- AI attribution (docs/contract.md §7.7): which commits each pull request contains, what each PR cost directly, the
-- part of each session's cost that named no PR itself, and the commit a revert push reverts.

-- The commits of a pull request: its head commit, its merge (or squash) commit, and the commits pushed to its head
-- branch in its own repository that belong to it (a commit belongs to the first PR from its branch merged at or
-- after its push; while none is, to the open ones). Kept current by the push and pull_request deliveries.
CREATE TABLE pr_commit (
    pull_request_id BIGINT      NOT NULL,
    sha             VARCHAR(64) NOT NULL,               -- lower case
    committed_at    TIMESTAMP WITH TIME ZONE,          -- the commit's own time, when a push showed it
    PRIMARY KEY (pull_request_id, sha)
);
CREATE INDEX pr_commit_sha_idx ON pr_commit (sha);

-- A branch's commits and its PRs are read together when either changes (the commits from a time on).
CREATE INDEX gh_commit_branch_idx ON gh_commit (repo, branch, pushed_at);
CREATE INDEX gh_pull_request_head_ref_idx ON gh_pull_request (repo, head_ref);
-- Whether a PR was reverted is asked of every PR a figure compares.
CREATE INDEX gh_pull_request_reverts_idx ON gh_pull_request (reverts_repo, reverts_pr);

-- The full id of a session's commit. A session may report a short id (7+ digits, as `git commit` prints it): it is
-- resolved to the commit of the session's team that it starts, when the session's event arrives if that commit is
-- known already, else when a push or a PR names it. A 40-digit id is its own full id, whatever the team. Joins to a
-- PR's commits are then plain equality.
ALTER TABLE session_commit ADD COLUMN full_sha VARCHAR(64);
UPDATE session_commit SET full_sha = commit_sha WHERE LENGTH(commit_sha) = 40;
UPDATE session_commit SET full_sha = (SELECT MIN(c.sha) FROM gh_commit c WHERE c.team_id = session_commit.team_id
    AND c.sha >= session_commit.commit_sha AND c.sha < CONCAT(session_commit.commit_sha, 'g'))
WHERE full_sha IS NULL;
CREATE INDEX session_commit_full_idx ON session_commit (full_sha);
-- The unattributed cost of a period reads the sessions that made a commit near it.
CREATE INDEX session_commit_team_idx ON session_commit (team_id, occurred_at);

-- The cost of a session's events that named a PR themselves: those are attributed to that PR, so only the rest of
-- the session's cost follows its commits.
ALTER TABLE usage_session_hourly ADD COLUMN direct_cost_usd DOUBLE PRECISION DEFAULT 0 NOT NULL;

-- The cost of the events that named the PR (repo + pull_request): the direct part of a PR's attributed cost.
ALTER TABLE usage_pr_ref ADD COLUMN cost_usd DOUBLE PRECISION DEFAULT 0 NOT NULL;

-- Both filled from the stored events, aggregated once (one scan) and matched by key.
CREATE TABLE v11_direct AS SELECT session_id, bucket_start, team_id, workflow, model, tool,
    COALESCE(repo, '') AS repo, SUM(cost_usd) AS cost
    FROM usage_event WHERE pull_request IS NOT NULL AND session_id IS NOT NULL AND bucket_start IS NOT NULL
    GROUP BY session_id, bucket_start, team_id, workflow, model, tool, COALESCE(repo, '');
CREATE INDEX v11_direct_idx ON v11_direct (session_id, bucket_start);
UPDATE usage_session_hourly SET direct_cost_usd = COALESCE((SELECT SUM(d.cost) FROM v11_direct d
    WHERE d.session_id = usage_session_hourly.session_id AND d.bucket_start = usage_session_hourly.bucket_start
    AND d.team_id = usage_session_hourly.team_id AND d.workflow = usage_session_hourly.workflow
    AND d.model = usage_session_hourly.model AND d.tool = usage_session_hourly.tool
    AND d.repo = usage_session_hourly.repo), 0)
WHERE session_id IN (SELECT session_id FROM v11_direct);
DROP TABLE v11_direct;

CREATE TABLE v11_pr_cost AS SELECT repo, pull_request, SUM(cost_usd) AS cost
    FROM usage_event WHERE pull_request IS NOT NULL AND repo IS NOT NULL GROUP BY repo, pull_request;
CREATE INDEX v11_pr_cost_idx ON v11_pr_cost (repo, pull_request);
UPDATE usage_pr_ref SET cost_usd = COALESCE((SELECT c.cost FROM v11_pr_cost c
    WHERE c.repo = usage_pr_ref.repo AND c.pull_request = usage_pr_ref.pull_request), 0);
DROP TABLE v11_pr_cost;

-- The commit a default-branch revert push reverts ('This reverts commit <sha>.' in its head commit's message, which
-- is read and never kept), so a revert push names the PR whose merge commit it reverts.
ALTER TABLE gh_revert_push ADD COLUMN reverts_sha VARCHAR(64);
CREATE INDEX gh_revert_push_reverts_idx ON gh_revert_push (reverts_sha);
