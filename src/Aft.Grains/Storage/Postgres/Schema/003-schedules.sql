-- Schedules: scripts run by a cron expression (the same table as Sqlite/Schema/app-006-schedules.sql). next_due is
-- the next occurrence not yet handled (null while paused); revision fences every write, so a firing and an edit never
-- overwrite each other.
CREATE TABLE schedules
(
    id          text    NOT NULL PRIMARY KEY,
    name        text    NOT NULL,
    name_key    text    NOT NULL UNIQUE,
    script_id   text    NOT NULL,
    params      text    NOT NULL,
    cron        text    NOT NULL,
    time_zone   text    NOT NULL,
    enabled     integer NOT NULL,
    overlap     text    NOT NULL,
    catch_up    text    NOT NULL,
    next_due    bigint  NULL,
    last_run_at bigint  NULL,
    last_job_id text    NULL,
    created_at  bigint  NOT NULL,
    updated_at  bigint  NOT NULL,
    revision    integer NOT NULL
);

-- What the schedule dispatchers look for: the enabled schedules by due time.
CREATE INDEX ix_schedules_due ON schedules (next_due) WHERE enabled = 1;

-- The schedule that made a job (null for jobs submitted through the API or aft run).
ALTER TABLE jobs ADD COLUMN schedule_id text NULL;
