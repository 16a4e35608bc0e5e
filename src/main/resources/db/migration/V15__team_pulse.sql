-- The team pulse switch (contract §4.3, team setting `pulse`): opt-in per team, off by default. Set from the admin API
-- and from the Slack set-up modal; the pulse itself (its day, time and questions) is built on top of this column.
ALTER TABLE team ADD COLUMN pulse BOOLEAN NOT NULL DEFAULT FALSE;
