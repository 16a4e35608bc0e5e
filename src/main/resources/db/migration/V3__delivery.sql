-- Delivery data from GitHub webhooks (SPEC §2.3) and what the delivery and quality figures read (SPEC §3).
-- Every record is keyed by its GitHub id, so the same event from an organisation hook and a repository hook,
-- or a redelivery, lands once. Times are the payloads' own. People appear only as keyed pseudonyms.
-- Every table the scorecard reads per team and period has an index on (team_id, <the period's time>).
-- team_id is the team the repository is mapped to ('unassigned' while it is mapped to none); mapping a repository
-- re-attributes its records (see delivery.DeliveryAttribution).

-- Deliveries already processed (X-GitHub-Delivery), so a redelivery changes nothing.
CREATE TABLE github_delivery (
    delivery_id VARCHAR(100) PRIMARY KEY,
    event       VARCHAR(64)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX github_delivery_received_idx ON github_delivery (received_at);

CREATE TABLE gh_pull_request (
    id               BIGINT       PRIMARY KEY,           -- GitHub's pull request id (not the number)
    repo             VARCHAR(200) NOT NULL,              -- owner/name, lower case
    pr_number        INTEGER      NOT NULL,
    team_id          VARCHAR(64)  NOT NULL,
    author           VARCHAR(32),                        -- pseudonym of the author's login
    created_at       TIMESTAMP WITH TIME ZONE,
    ready_at         TIMESTAMP WITH TIME ZONE,           -- first ready_for_review (the PR's updated_at then)
    merged_at        TIMESTAMP WITH TIME ZONE,
    merge_commit_sha VARCHAR(64),                        -- only once merged
    is_revert        BOOLEAN      NOT NULL DEFAULT FALSE, -- title starts with 'Revert "' (the title is not kept)
    first_review_at  TIMESTAMP WITH TIME ZONE,           -- first review by someone other than the author
    state_at         TIMESTAMP WITH TIME ZONE            -- updated_at of the newest snapshot applied
);
CREATE INDEX gh_pull_request_merged_idx ON gh_pull_request (team_id, merged_at);
CREATE INDEX gh_pull_request_review_idx ON gh_pull_request (team_id, first_review_at);
CREATE INDEX gh_pull_request_repo_idx ON gh_pull_request (repo, pr_number);
CREATE INDEX gh_pull_request_sha_idx ON gh_pull_request (merge_commit_sha);

CREATE TABLE gh_review (
    id              BIGINT      PRIMARY KEY,             -- GitHub's review id
    pull_request_id BIGINT      NOT NULL,
    reviewer        VARCHAR(32),                         -- pseudonym of the reviewer's login
    submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX gh_review_pr_idx ON gh_review (pull_request_id);

CREATE TABLE gh_issue (
    id           BIGINT       PRIMARY KEY,               -- GitHub's issue id
    repo         VARCHAR(200) NOT NULL,
    issue_number INTEGER      NOT NULL,
    team_id      VARCHAR(64)  NOT NULL,
    author       VARCHAR(32),                            -- pseudonym
    created_at   TIMESTAMP WITH TIME ZONE,
    closed_at    TIMESTAMP WITH TIME ZONE,               -- as of the newest snapshot (null again when reopened)
    state_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX gh_issue_created_idx ON gh_issue (team_id, created_at);
CREATE INDEX gh_issue_repo_idx ON gh_issue (repo);

-- Current labels of pull requests (item_kind 'pr') and issues ('issue'), lower case.
CREATE TABLE gh_label (
    item_kind VARCHAR(8)   NOT NULL,
    item_id   BIGINT       NOT NULL,
    name      VARCHAR(100) NOT NULL,
    PRIMARY KEY (item_kind, item_id, name)
);

-- Final deployment statuses only (success, failure, error); in-progress ones are not kept.
CREATE TABLE gh_deployment_status (
    id            BIGINT       PRIMARY KEY,              -- GitHub's deployment status id
    deployment_id BIGINT,
    repo          VARCHAR(200) NOT NULL,
    team_id       VARCHAR(64)  NOT NULL,
    environment   VARCHAR(255) NOT NULL,                 -- lower case
    state         VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX gh_deployment_status_team_idx ON gh_deployment_status (team_id, created_at);
CREATE INDEX gh_deployment_status_repo_idx ON gh_deployment_status (repo);

-- Completed workflow runs, one row per run attempt.
CREATE TABLE gh_workflow_run (
    run_id       BIGINT       NOT NULL,
    run_attempt  INTEGER      NOT NULL,
    repo         VARCHAR(200) NOT NULL,
    team_id      VARCHAR(64)  NOT NULL,
    conclusion   VARCHAR(32),
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,      -- the run's updated_at in its completed delivery
    PRIMARY KEY (run_id, run_attempt)
);
CREATE INDEX gh_workflow_run_team_idx ON gh_workflow_run (team_id, completed_at);
CREATE INDEX gh_workflow_run_repo_idx ON gh_workflow_run (repo);

-- Default-branch pushes whose head commit message starts with 'Revert "' (other pushes are not kept).
CREATE TABLE gh_revert_push (
    repo      VARCHAR(200) NOT NULL,
    head_sha  VARCHAR(64)  NOT NULL,
    team_id   VARCHAR(64)  NOT NULL,
    pushed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (repo, head_sha)
);
CREATE INDEX gh_revert_push_team_idx ON gh_revert_push (team_id, pushed_at);
