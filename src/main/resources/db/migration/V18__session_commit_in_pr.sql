-- Whether a session's commit is one of some PR's commits, kept as either side arrives (the mirror of
-- pr_commit.session_linked, V17): the unattributed part of a period's cost then finds the period's linked sessions
-- without looking each commit up among every PR's commits (docs/architecture.md "Attribution reads").
ALTER TABLE session_commit ADD COLUMN in_pr BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE session_commit SET in_pr = TRUE WHERE full_sha IN (SELECT sha FROM pr_commit);
