-- Webhooks and their durable outbox: the same tables as the embedded store's (Sqlite/Schema/app-007-webhooks.sql),
-- which says what the columns hold.
CREATE TABLE webhooks
(
    id            text   NOT NULL PRIMARY KEY,
    url           text   NOT NULL,
    events        text   NOT NULL,
    script_name   text   NULL,
    secret_sealed bytea  NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);

CREATE TABLE webhook_deliveries
(
    id               text COLLATE "C" NOT NULL PRIMARY KEY,
    webhook_id       text             NOT NULL,
    event_type       text             NOT NULL,
    job_id           text             NULL,
    payload          text             NOT NULL,
    status           text             NOT NULL,
    attempts         integer          NOT NULL,
    next_attempt_at  bigint           NULL,
    first_attempt_at bigint           NULL,
    lease_owner      text             NULL,
    lease_until      bigint           NULL,
    last_status_code integer          NULL,
    last_error       text             NULL,
    created_at       bigint           NOT NULL,
    last_attempt_at  bigint           NULL,
    delivered_at     bigint           NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_ended ON webhook_deliveries (created_at) WHERE status <> 'pending';
