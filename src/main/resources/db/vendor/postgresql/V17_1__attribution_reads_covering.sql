-- PostgreSQL only: the commits of a PR that carry an AI signal, readable without the table (an index-only scan per
-- PR of the period). Most commits carry none, so the partial index is small.
CREATE INDEX pr_commit_signal_idx ON pr_commit (pull_request_id) INCLUDE (sha, ai_agent, session_linked)
    WHERE ai_agent IS NOT NULL OR session_linked;
