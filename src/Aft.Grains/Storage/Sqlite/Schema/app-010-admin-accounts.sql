-- The web UI's administrators. password_hash is ASP.NET Core Identity's PasswordHasher format (PBKDF2, versioned);
-- security_stamp changes with the password, so sessions signed in before a change (or before a removal) end.
CREATE TABLE admin_accounts
(
    id                  TEXT    NOT NULL PRIMARY KEY,
    user_name           TEXT    NOT NULL,
    user_name_key       TEXT    NOT NULL UNIQUE,
    password_hash       TEXT    NOT NULL,
    security_stamp      TEXT    NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        INTEGER NULL,
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

-- ASP.NET Core Data Protection's key ring (each key sealed with the secrets key), shared by every node so that a session cookie or an antiforgery token
-- made by one node is read by any other (a round-robin load balancer in front of several silos).
CREATE TABLE data_protection_keys
(
    name TEXT NOT NULL PRIMARY KEY,
    xml  TEXT NOT NULL
);
