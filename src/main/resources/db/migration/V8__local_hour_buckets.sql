-- Rollup buckets are the team's local hours (exact local days in zones such as Asia/Kolkata, +05:30, or
-- Asia/Kathmandu, +05:45), so each raw event records the bucket it was rolled up in: repricing and a team's change of
-- time zone move an event's figures out of exactly that bucket. NULL: stored before this column existed, when every
-- bucket was the UTC hour of occurred_at.
ALTER TABLE usage_event ADD COLUMN bucket_start TIMESTAMP WITH TIME ZONE;
