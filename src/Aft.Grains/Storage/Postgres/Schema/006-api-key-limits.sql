-- Per API key rate limits (token buckets, per silo): NULL takes the configured default (Aft:RateLimits).
ALTER TABLE api_keys ADD COLUMN submits_per_second bigint NULL;
ALTER TABLE api_keys ADD COLUMN submit_burst bigint NULL;
ALTER TABLE api_keys ADD COLUMN reads_per_second bigint NULL;
ALTER TABLE api_keys ADD COLUMN read_burst bigint NULL;

-- The W3C traceparent of the request that submitted the job: its attempts' traces continue that one.
ALTER TABLE jobs ADD COLUMN trace_parent text NULL;
