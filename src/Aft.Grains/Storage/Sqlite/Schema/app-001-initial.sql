-- AFT's own tables. Times are Unix milliseconds (UTC).

CREATE TABLE scripts
(
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    name_key        TEXT    NOT NULL,
    current_version INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER NULL
);

-- Names are unique among live scripts, compared case-insensitively through name_key.
CREATE UNIQUE INDEX ux_scripts_name_key ON scripts (name_key) WHERE deleted_at IS NULL;

CREATE TABLE script_versions
(
    script_id          TEXT    NOT NULL REFERENCES scripts (id),
    version            INTEGER NOT NULL,
    description        TEXT    NOT NULL,
    code               TEXT    NOT NULL,
    max_attempts       INTEGER NOT NULL,
    initial_backoff_ms INTEGER NOT NULL,
    backoff_multiplier REAL    NOT NULL,
    max_backoff_ms     INTEGER NOT NULL,
    timeout_ms         INTEGER NULL,
    max_concurrency    INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    PRIMARY KEY (script_id, version)
);

CREATE TABLE jobs
(
    id                 TEXT    NOT NULL PRIMARY KEY,
    source             TEXT    NOT NULL,
    script_id          TEXT    NULL,
    script_name        TEXT    NULL,
    script_version     INTEGER NULL,
    file_path          TEXT    NULL,
    params             TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    attempts           INTEGER NOT NULL,
    max_attempts       INTEGER NOT NULL,
    initial_backoff_ms INTEGER NOT NULL,
    backoff_multiplier REAL    NOT NULL,
    max_backoff_ms     INTEGER NOT NULL,
    timeout_ms         INTEGER NULL,
    max_concurrency    INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    started_at         INTEGER NULL,
    finished_at        INTEGER NULL,
    next_attempt_at    INTEGER NULL,
    exit_code          INTEGER NULL,
    error              TEXT    NULL,
    cancel_requested   INTEGER NOT NULL,
    submitted_by       TEXT    NULL,
    idempotency_key    TEXT    NULL,
    request_hash       TEXT    NULL,
    code               TEXT    NULL,
    revision           INTEGER NOT NULL
);

CREATE INDEX ix_jobs_status ON jobs (status, id);
CREATE INDEX ix_jobs_script ON jobs (script_id, id);
CREATE INDEX ix_jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE UNIQUE INDEX ux_jobs_idempotency ON jobs (IFNULL(submitted_by, ''), idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE job_logs
(
    id      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    job_id  TEXT    NOT NULL,
    at      INTEGER NOT NULL,
    level   TEXT    NOT NULL,
    attempt INTEGER NOT NULL,
    message TEXT    NOT NULL
);

CREATE INDEX ix_job_logs_job ON job_logs (job_id, id);

CREATE TABLE api_keys
(
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,
    key_prefix  TEXT    NOT NULL,
    scopes      TEXT    NOT NULL,
    allowed_ips TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL
);

CREATE TABLE secrets
(
    name       TEXT    NOT NULL PRIMARY KEY,
    sealed     BLOB    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE settings
(
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
