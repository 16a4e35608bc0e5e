-- The DORA keys (docs/contract.md §7.2) read a repository's production deployments in time order per environment
-- (the last success before a period, the success that recovers a failure) and the issues a PR closes by repository
-- and number. Both were only reachable through (repo) before, which scans every row of a repository.
CREATE INDEX gh_deployment_status_repo_env_idx ON gh_deployment_status (repo, environment, created_at);
CREATE INDEX gh_issue_repo_number_idx ON gh_issue (repo, issue_number);
