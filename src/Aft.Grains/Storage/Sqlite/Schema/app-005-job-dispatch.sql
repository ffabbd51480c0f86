-- Queued and retrying jobs wait in the jobs table itself; a node claims them (owner) when it has a free slot.
-- owner is null for a job waiting to be claimed, the claiming node's silo while it starts, the silo running it after.
-- Jobs written by an earlier version named the node that queued them: they wait unclaimed from now on.
UPDATE jobs SET owner = NULL WHERE status IN ('queued', 'retrying');

-- What a node claims next: the oldest waiting jobs of scripts without a concurrency limit ...
CREATE INDEX ix_jobs_waiting ON jobs (id) WHERE owner IS NULL AND status IN ('queued', 'retrying') AND max_concurrency = 0;
-- ... and, per script that limits its concurrent runs, its oldest waiting jobs.
CREATE INDEX ix_jobs_waiting_limited ON jobs (script_id, id) WHERE owner IS NULL AND status IN ('queued', 'retrying') AND max_concurrency > 0;
-- The jobs a node holds (claimed or running): what a limited script has in use, and what a dead node leaves behind.
CREATE INDEX ix_jobs_owned ON jobs (owner, script_id) WHERE owner IS NOT NULL;
