-- Schedules: scripts run by a cron expression. next_due is the next occurrence not yet handled (null while paused);
-- revision fences every write, so a firing and an edit never overwrite each other.
CREATE TABLE schedules
(
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,
    script_id   TEXT    NOT NULL,
    params      TEXT    NOT NULL,
    cron        TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    enabled     INTEGER NOT NULL,
    overlap     TEXT    NOT NULL,
    catch_up    TEXT    NOT NULL,
    next_due    INTEGER NULL,
    last_run_at INTEGER NULL,
    last_job_id TEXT    NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    revision    INTEGER NOT NULL
);

-- What the schedule dispatchers look for: the enabled schedules by due time.
CREATE INDEX ix_schedules_due ON schedules (next_due) WHERE enabled = 1;

-- The schedule that made a job (null for jobs submitted through the API or aft run).
ALTER TABLE jobs ADD COLUMN schedule_id TEXT NULL;
