-- Webhooks: where to tell whom about which job events. The signing secret is sealed like a named secret (it must be
-- read back to sign, so it cannot be hashed) and is never shown after its creation.
CREATE TABLE webhooks
(
    id            TEXT    NOT NULL PRIMARY KEY,
    url           TEXT    NOT NULL,
    events        TEXT    NOT NULL,
    script_name   TEXT    NULL,
    secret_sealed BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The durable outbox: one row per event per subscribed webhook, written in the same transaction as the job's
-- transition, so a crash right after the transition loses no delivery. id is the webhook-id header (the
-- receiver's idempotency key); job_id is null for a test delivery. A node sends a row while it holds its lease (lease_until), so two nodes never send
-- the same attempt at once.
CREATE TABLE webhook_deliveries
(
    id               TEXT    NOT NULL PRIMARY KEY,
    webhook_id       TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    job_id           TEXT    NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER NULL,
    first_attempt_at INTEGER NULL,
    lease_owner      TEXT    NULL,
    lease_until      INTEGER NULL,
    last_status_code INTEGER NULL,
    last_error       TEXT    NULL,
    created_at       INTEGER NOT NULL,
    last_attempt_at  INTEGER NULL,
    delivered_at     INTEGER NULL
);

-- What a node sends next: the pending rows that are due.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- A webhook's deliveries, newest first.
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
-- What retention purges: the deliveries that are over (delivered or given up), oldest first.
CREATE INDEX ix_webhook_deliveries_ended ON webhook_deliveries (created_at) WHERE status <> 'pending';
