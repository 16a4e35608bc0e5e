-- Spend per team, workflow and UTC hour: the narrow rollup behind budgets, spike baselines and the digest's daily
-- burn. usage_hourly holds the same figures split by model, tool, repository and attribution (dozens of rows per
-- team-hour); reading 28+ days of 100 teams from it took seconds, from this table it is a few thousand rows per
-- team. Ingest and repricing keep it current in the same transaction as usage_hourly.
CREATE TABLE usage_team_hourly (
    team_id      VARCHAR(64) NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,   -- UTC hour
    workflow     VARCHAR(16) NOT NULL,
    events       BIGINT      NOT NULL,
    cost_usd     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (team_id, bucket_start, workflow)
);

INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd)
SELECT team_id, bucket_start, workflow, SUM(events), SUM(cost_usd)
FROM usage_hourly
GROUP BY team_id, bucket_start, workflow;

-- The settled-day cache of V6 is no longer needed: the alert evaluation reads its whole window from
-- usage_team_hourly on every run, so late events and repricing are seen at once.
DROP TABLE spend_day;
