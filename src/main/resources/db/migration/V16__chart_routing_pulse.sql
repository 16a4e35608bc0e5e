-- Issue 17: the digest's chart (a file delivered with its outbox message), model tiers for routing advice, and the
-- team pulse. Portable SQL: runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- A file that goes out with an outbox message (the digest's chart), and how far its delivery got, so that a retry,
-- a restart or another replica resumes it instead of uploading it again (docs/contract.md §9.8):
-- new → uploaded (Slack's file id known, bytes sent) → completing (shared into the channel, outcome not yet known)
-- → shared. The message itself is posted only once its file is shared.
CREATE TABLE outbox_file (
    message_id BIGINT        PRIMARY KEY REFERENCES outbox_message (id) ON DELETE CASCADE,
    filename   VARCHAR(200)  NOT NULL,
    title      VARCHAR(250)  NOT NULL,
    alt_text   VARCHAR(1000) NOT NULL,
    content    BYTEA         NOT NULL,
    state      VARCHAR(16)   NOT NULL,
    file_id    VARCHAR(300)
);

-- Model tiers (docs/contract.md §7.8): premium, standard or economy; set with the price, NULL = not tiered.
ALTER TABLE price ADD COLUMN tier VARCHAR(16);
UPDATE price SET tier = 'premium' WHERE model IN ('claude-opus-4-1', 'claude-opus-4', 'claude-opus-4-5');
UPDATE price SET tier = 'standard' WHERE model IN ('claude-sonnet-4-5', 'claude-sonnet-4', 'claude-3-7-sonnet',
    'gpt-5', 'gpt-5-codex', 'gpt-4.1', 'gpt-4o', 'o3', 'gemini-2.5-pro');
UPDATE price SET tier = 'economy' WHERE model IN ('claude-haiku-4-5', 'claude-3-5-haiku', 'gpt-5-mini',
    'gpt-4.1-mini', 'gpt-4o-mini', 'o4-mini', 'gemini-2.5-flash', 'gemini-2.5-flash-lite');

-- The team pulse (docs/contract.md §9.9): opt-in per team (team.pulse, V15), weekly on pulse_day at pulse_time
-- (team's zone).
ALTER TABLE team ADD COLUMN pulse_day VARCHAR(9) NOT NULL DEFAULT 'THURSDAY';
ALTER TABLE team ADD COLUMN pulse_time VARCHAR(5) NOT NULL DEFAULT '15:00';

-- One row per team and pulse week (Monday in the team's zone): how many people answered. closes_at is the end of
-- that week; answers are taken until then.
CREATE TABLE pulse_week (
    team_id    VARCHAR(64) NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    week_start DATE        NOT NULL,
    closes_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    responses  INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, week_start)
);

-- The week's answers per question (confidence, review_load) and score 1..5: counts only, never who.
CREATE TABLE pulse_answer_count (
    team_id    VARCHAR(64) NOT NULL,
    week_start DATE        NOT NULL,
    question   VARCHAR(16) NOT NULL,
    score      SMALLINT    NOT NULL,
    answers    INTEGER     NOT NULL,
    PRIMARY KEY (team_id, week_start, question, score),
    FOREIGN KEY (team_id, week_start) REFERENCES pulse_week (team_id, week_start) ON DELETE CASCADE
);

-- Per person and week, a keyed one-way token (HMAC of team, week and Slack user, hex) with that person's current
-- answers, so that a later click replaces the earlier one. No user id is stored; the rows are deleted when the week
-- closes (PulseCloser), after which the counts are all that remains.
CREATE TABLE pulse_token (
    token       VARCHAR(64) PRIMARY KEY,
    team_id     VARCHAR(64) NOT NULL,
    week_start  DATE        NOT NULL,
    closes_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    confidence  SMALLINT,
    review_load SMALLINT,
    FOREIGN KEY (team_id, week_start) REFERENCES pulse_week (team_id, week_start) ON DELETE CASCADE
);
CREATE INDEX pulse_token_closes_idx ON pulse_token (closes_at);
