-- Pulled sources (docs/contract.md §5.7): GitHub Copilot usage and seat cost, the vendors' billed cost.
-- Portable SQL: runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- One row per source: how far it got (the cursor), its last outcome, its back-off and the lease of the replica
-- fetching it now (so that of several replicas, or two triggers at once, one fetches).
CREATE TABLE source_state (
    source          VARCHAR(32) PRIMARY KEY,                -- copilot, anthropic, openai
    covered_through DATE,                                   -- last day fetched and stored (UTC day)
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),                          -- our own words; never a credential or a response body
    last_error_at   TIMESTAMP WITH TIME ZONE,
    failures        INTEGER NOT NULL DEFAULT 0,             -- failed runs in a row (back-off)
    next_attempt_at TIMESTAMP WITH TIME ZONE,               -- the schedule waits until then after a failure
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE
);
INSERT INTO source_state (source) VALUES ('copilot'), ('anthropic'), ('openai');

-- Team settings github_teams, anthropic_workspaces, openai_projects: an outside account belongs to one team.
CREATE TABLE team_source_account (
    kind       VARCHAR(24)  NOT NULL,                       -- github_team, anthropic_workspace, openai_project
    account    VARCHAR(200) NOT NULL,                       -- team slug, workspace id, project id
    team_id    VARCHAR(64)  NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, account)
);
CREATE INDEX team_source_account_team_idx ON team_source_account (team_id);

-- Copilot per team and UTC day: the seats booked as usage (event_key names the usage event) and the activity
-- figures, which are NULL for a team-day with fewer than 5 Copilot users (GitHub's own threshold). Nothing per user.
CREATE TABLE copilot_team_day (
    usage_day            DATE         NOT NULL,
    team_id              VARCHAR(64)  NOT NULL,
    seats                DOUBLE PRECISION NOT NULL,         -- a user in k teams counts 1/k in each
    seat_cost_usd        DOUBLE PRECISION NOT NULL,
    event_key            VARCHAR(300) NOT NULL,
    active_users         INTEGER,
    engaged_users        INTEGER,
    suggestions_shown    BIGINT,
    suggestions_accepted BIGINT,
    lines_accepted       BIGINT,
    chat_turns           BIGINT,
    PRIMARY KEY (usage_day, team_id)
);
CREATE INDEX copilot_team_day_team_idx ON copilot_team_day (team_id, usage_day);

-- What a vendor billed per UTC day and account (Anthropic workspace, OpenAI project; '' = none named). Kept beside
-- the estimates, never added to them.
CREATE TABLE billed_cost_day (
    source     VARCHAR(32)  NOT NULL,
    bill_day   DATE         NOT NULL,
    account    VARCHAR(200) NOT NULL,
    cost_usd   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (source, bill_day, account)
);

-- The vendor that sells each priced model: the estimate compared with a vendor's bill covers its models only.
CREATE TABLE model_vendor (
    model  VARCHAR(200) PRIMARY KEY,
    vendor VARCHAR(32)  NOT NULL
);
INSERT INTO model_vendor (model, vendor) VALUES
 ('claude-opus-4-1', 'anthropic'), ('claude-opus-4', 'anthropic'), ('claude-opus-4-5', 'anthropic'),
 ('claude-sonnet-4-5', 'anthropic'), ('claude-sonnet-4', 'anthropic'), ('claude-3-7-sonnet', 'anthropic'),
 ('claude-haiku-4-5', 'anthropic'), ('claude-3-5-haiku', 'anthropic'),
 ('gpt-5', 'openai'), ('gpt-5-mini', 'openai'), ('gpt-5-codex', 'openai'), ('gpt-4.1', 'openai'),
 ('gpt-4.1-mini', 'openai'), ('gpt-4o', 'openai'), ('gpt-4o-mini', 'openai'), ('o3', 'openai'), ('o4-mini', 'openai'),
 ('gemini-2.5-pro', 'google'), ('gemini-2.5-flash', 'google'), ('gemini-2.5-flash-lite', 'google');
