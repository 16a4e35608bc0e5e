-- The attribution repair (agent.AttributionRepair) reads the session commits of the last two days every 10 minutes.
CREATE INDEX session_commit_occurred_idx ON session_commit (occurred_at);
