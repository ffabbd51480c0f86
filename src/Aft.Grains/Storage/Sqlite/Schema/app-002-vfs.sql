-- The VFS Library: named storage definitions scripts open with VirtualFSByName.
-- credentials maps a credential field to the NAME of a secret, never to a value.

CREATE TABLE vfs
(
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    options     TEXT    NOT NULL,
    credentials TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
