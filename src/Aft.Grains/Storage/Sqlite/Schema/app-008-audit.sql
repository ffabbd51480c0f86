-- The audit trail: who changed which definition, and who submitted or cancelled which job. before_json and after_json
-- hold the definition as the API shows it (never a secret's value); at is Unix milliseconds.
CREATE TABLE audit
(
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor_kind  TEXT    NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT,
    address     TEXT,
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL,
    target_id   TEXT,
    before_json TEXT,
    after_json  TEXT
);

CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_audit_target ON audit (target_kind, target_id, id);
