-- The web UI's administrators. password_hash is ASP.NET Core Identity's PasswordHasher format (PBKDF2, versioned);
-- security_stamp changes with the password, so sessions signed in before a change (or before a removal) end.
CREATE TABLE admin_accounts
(
    id                  text   NOT NULL PRIMARY KEY,
    user_name           text   NOT NULL,
    user_name_key       text   NOT NULL UNIQUE,
    password_hash       text   NOT NULL,
    security_stamp      text   NOT NULL,
    failed_logins       bigint NOT NULL DEFAULT 0,
    locked_until        bigint NULL,
    created_at          bigint NOT NULL,
    password_changed_at bigint NOT NULL
);

-- ASP.NET Core Data Protection's key ring (each key sealed with the secrets key), shared by every node so that a session cookie or an antiforgery token
-- made by one node is read by any other (a round-robin load balancer in front of several silos).
CREATE TABLE data_protection_keys
(
    name text NOT NULL PRIMARY KEY,
    xml  text NOT NULL
);
