-- AFT's own tables on PostgreSQL: the same tables and columns as the embedded SQLite store (Sqlite/Schema/app-*),
-- so the stores' SQL runs on both. Times are Unix milliseconds (UTC). Integer columns the code reads as 32-bit
-- values are integer, all others bigint. Ids compare byte by byte (COLLATE "C"): job ids sort by creation time.

CREATE TABLE scripts
(
    id              text   NOT NULL PRIMARY KEY,
    name            text   NOT NULL,
    name_key        text   NOT NULL,
    current_version bigint NOT NULL,
    created_at      bigint NOT NULL,
    updated_at      bigint NOT NULL,
    deleted_at      bigint NULL
);

-- Names are unique among live scripts, compared case-insensitively through name_key.
CREATE UNIQUE INDEX ux_scripts_name_key ON scripts (name_key) WHERE deleted_at IS NULL;

CREATE TABLE script_versions
(
    script_id          text             NOT NULL REFERENCES scripts (id),
    version            bigint           NOT NULL,
    description        text             NOT NULL,
    code               text             NOT NULL,
    max_attempts       bigint           NOT NULL,
    initial_backoff_ms bigint           NOT NULL,
    backoff_multiplier double precision NOT NULL,
    max_backoff_ms     bigint           NOT NULL,
    timeout_ms         bigint           NULL,
    max_concurrency    bigint           NOT NULL,
    created_at         bigint           NOT NULL,
    PRIMARY KEY (script_id, version)
);

CREATE TABLE jobs
(
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    source             text             NOT NULL,
    script_id          text             NULL,
    script_name        text             NULL,
    script_version     bigint           NULL,
    file_path          text             NULL,
    params             text             NOT NULL,
    status             text             NOT NULL,
    attempts           integer          NOT NULL,
    max_attempts       integer          NOT NULL,
    initial_backoff_ms bigint           NOT NULL,
    backoff_multiplier double precision NOT NULL,
    max_backoff_ms     bigint           NOT NULL,
    timeout_ms         bigint           NULL,
    max_concurrency    integer          NOT NULL,
    created_at         bigint           NOT NULL,
    started_at         bigint           NULL,
    finished_at        bigint           NULL,
    next_attempt_at    bigint           NULL,
    exit_code          bigint           NULL,
    error              text             NULL,
    cancel_requested   bigint           NOT NULL,
    submitted_by       text             NULL,
    idempotency_key    text             NULL,
    request_hash       text             NULL,
    code               text             NULL,
    revision           integer          NOT NULL,
    progress           text             NULL,
    -- The silo that holds the job (SiloAddress.ToParsableString()): null while it waits to be claimed, the claiming
    -- silo while it starts, the silo running it after. When that silo is gone, its jobs are resumed elsewhere.
    owner              text             NULL
);

CREATE INDEX ix_jobs_status ON jobs (status, id);
CREATE INDEX ix_jobs_script ON jobs (script_id, id);
CREATE INDEX ix_jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE UNIQUE INDEX ux_jobs_idempotency ON jobs (COALESCE(submitted_by, ''), idempotency_key) WHERE idempotency_key IS NOT NULL;
-- What a silo claims next: the oldest waiting jobs of scripts without a concurrency limit ...
CREATE INDEX ix_jobs_waiting ON jobs (id) WHERE owner IS NULL AND status IN ('queued', 'retrying') AND max_concurrency = 0;
-- ... and, per script that limits its concurrent runs, its oldest waiting jobs.
CREATE INDEX ix_jobs_waiting_limited ON jobs (script_id, id) WHERE owner IS NULL AND status IN ('queued', 'retrying') AND max_concurrency > 0;
-- The jobs a silo holds (claimed or running): what a limited script has in use, and what a dead silo leaves behind.
CREATE INDEX ix_jobs_owned ON jobs (owner, script_id) WHERE owner IS NOT NULL;

CREATE TABLE job_logs
(
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id  text COLLATE "C" NOT NULL,
    at      bigint           NOT NULL,
    level   text             NOT NULL,
    attempt integer          NOT NULL,
    message text             NOT NULL
);

CREATE INDEX ix_job_logs_job ON job_logs (job_id, id);

CREATE TABLE api_keys
(
    id          text   NOT NULL PRIMARY KEY,
    name        text   NOT NULL,
    key_hash    text   NOT NULL UNIQUE,
    key_prefix  text   NOT NULL,
    scopes      text   NOT NULL,
    allowed_ips text   NOT NULL,
    created_at  bigint NOT NULL,
    revoked_at  bigint NULL
);

CREATE TABLE secrets
(
    name       text   NOT NULL PRIMARY KEY,
    sealed     bytea  NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE settings
(
    key   text NOT NULL PRIMARY KEY,
    value text NOT NULL
);

-- The VFS Library; credentials maps a credential field to the NAME of a secret, never to a value.
CREATE TABLE vfs
(
    name        text   NOT NULL,
    name_key    text   NOT NULL PRIMARY KEY,
    type        text   NOT NULL,
    target      text   NOT NULL,
    options     text   NOT NULL,
    credentials text   NOT NULL,
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL
);
