-- Weekly digests are outbox messages of kind 'digest' with the dedup key digest:{team}:{week start}.
-- When a newer week's digest is queued, the older ones of the same team that are still pending are marked
-- 'superseded' (after downtime only the latest goes out); this index serves that update.
CREATE INDEX outbox_message_team_kind_idx ON outbox_message (team_id, kind, status);
