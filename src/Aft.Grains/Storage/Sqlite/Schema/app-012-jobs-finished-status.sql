-- The dashboard counts the jobs that ended per minute and status over the last hour: with the status in the index
-- beside finished_at that count reads the index alone. Retention's range scan by finished_at uses it as before.
DROP INDEX ix_jobs_finished_at;
CREATE INDEX ix_jobs_finished_at_status ON jobs (finished_at, status) WHERE finished_at IS NOT NULL;
