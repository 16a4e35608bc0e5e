-- Agent events over OTLP logs (docs/contract.md §5.6): one source of truth per session, agent errors, and the
-- commits a session produced.

-- A session whose usage arrives as events counts its events; its metric points add nothing (the ones counted before
-- its first event are taken back). The row is also the lock that orders a session's metric and event writes.
CREATE TABLE agent_session_source (
    session_id VARCHAR(200) PRIMARY KEY,
    events     BOOLEAN      NOT NULL,                 -- true once a usage event of the session was stored
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_session_source_updated_idx ON agent_session_source (updated_at);

-- Taking a session's metric points back reads its stored events once.
CREATE INDEX usage_event_session_idx ON usage_event (session_id);

-- One row per agent error event (its key makes a retried export count once). No message, no body: the class only.
CREATE TABLE agent_error (
    error_key   VARCHAR(64)  PRIMARY KEY,             -- SHA-256 hex of the record's identity
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    team_id     VARCHAR(64)  NOT NULL,
    tool        VARCHAR(64)  NOT NULL,
    error_class VARCHAR(16)  NOT NULL,                -- rate_limit, overloaded, auth, server, client, other
    status_code INTEGER,
    session_id  VARCHAR(200)
);
CREATE INDEX agent_error_team_idx ON agent_error (team_id, occurred_at);

-- The sessions that sent events, per team, tool and local day of the team (the denominator of the share of sessions
-- with an error: reliability is only counted where the agent sends events), with the pseudonym of who ran it, only
-- to count distinct people: a tool's own figures are withheld when fewer than min_contributors used it.
CREATE TABLE agent_session_day (
    team_id    VARCHAR(64)  NOT NULL,
    local_day  DATE         NOT NULL,
    tool       VARCHAR(64)  NOT NULL,
    session_id VARCHAR(200) NOT NULL,
    actor      VARCHAR(32),                           -- keyed pseudonym of the session's first record, or null
    PRIMARY KEY (team_id, local_day, tool, session_id)
);

-- Commits a session produced (a Claude Code tool_result's git_commit_id), for attribution to pull requests.
CREATE TABLE session_commit (
    session_id  VARCHAR(200) NOT NULL,
    commit_sha  VARCHAR(40)  NOT NULL,                -- lower-case hex, 7 to 40 digits as the agent reported it
    team_id     VARCHAR(64)  NOT NULL,
    tool        VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, commit_sha)
);
CREATE INDEX session_commit_sha_idx ON session_commit (commit_sha);
