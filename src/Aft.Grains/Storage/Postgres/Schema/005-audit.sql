-- The audit trail: who changed which definition, and who submitted or cancelled which job. before_json and after_json
-- hold the definition as the API shows it (never a secret's value); at is Unix milliseconds.
CREATE TABLE audit
(
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          bigint NOT NULL,
    actor_kind  text   NOT NULL,
    actor_id    text,
    actor_name  text,
    address     text,
    action      text   NOT NULL,
    target_kind text   NOT NULL,
    target_id   text,
    before_json text,
    after_json  text
);

CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_audit_target ON audit (target_kind, target_id, id);
