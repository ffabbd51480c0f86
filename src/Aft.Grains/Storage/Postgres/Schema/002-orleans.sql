-- What Orleans' ADO.NET providers need on PostgreSQL (cluster membership, grain state, reminders; invariant "Npgsql"),
-- written for AFT. The providers run only the statements they find in OrleansQuery under fixed keys, so the keys,
-- the parameter names (@Name), and the names of the columns they read back are the contract; everything else here
-- is ours.
--
-- How the providers talk to these statements:
--  * Parameters arrive typed from their .NET values: strings as text, int as integer, long as bigint, byte[] as bytea,
--    DateTime as timestamp with time zone (Npgsql accepts only UTC DateTimes for it, so every time column is
--    timestamptz and no session time zone is involved). A NULL still carries its type; the casts on nullable
--    parameters below only keep the statements valid if a parameter ever comes untyped.
--  * Results are read by column name through GetOrdinal, which tries the exact name and then ignores case, so the
--    unquoted (lower-cased) aliases below match the names the providers ask for (Version, NewGrainStateVersion, ...).
--  * A "did it work" answer is one row with one column that converts to a boolean; the membership reads must
--    return at least one row (the version row), even when the cluster has no silos yet.

CREATE TABLE OrleansQuery
(
    QueryKey  text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- Cluster membership ---------------------------------------------------------------------------------------------

-- One row per cluster (the providers call the cluster id DeploymentId). Its Version is the membership table's
-- etag: every insert or update of a silo row must name the version it read and moves it on by one, which is what
-- lets two silos that voted on the same snapshot find out that only one of them won.
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId text        NOT NULL PRIMARY KEY,
    ChangedAt    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0
);

-- A silo is its endpoint plus its generation (a restarted silo on the same endpoint is a new row). Rows go with
-- their cluster's version row, so clearing a cluster is one DELETE.
CREATE TABLE OrleansMembershipTable
(
    DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL,
    SuspectTimes text        NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Called by every silo on start; false just means another silo created the row first.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $sql$
WITH created AS
(
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created;
$sql$);

-- The version row is bumped first and only if it still holds the version the silo read (@Version), and the silo
-- row is written only through that bump, in one statement: a stale version changes nothing and answers false.
-- A concurrent writer holding the version row makes this one wait and then re-check the version, so exactly one
-- of two writers of the same version wins.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $sql$
WITH bumped AS
(
    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1,
        ChangedAt = now()
    WHERE v.DeploymentId = @DeploymentId
      AND v.Version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM OrleansMembershipTable AS m
          WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
            AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
),
added AS
(
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped AS b
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added) AS inserted;
$sql$);

-- Same rule as the insert: no version bump, no change. Status and suspicions only move with the version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $sql$
WITH bumped AS
(
    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1,
        ChangedAt = now()
    WHERE v.DeploymentId = @DeploymentId
      AND v.Version = @Version
      AND EXISTS (
          SELECT 1 FROM OrleansMembershipTable AS m
          WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
            AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
),
changed AS
(
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status,
        SuspectTimes = CAST(@SuspectTimes AS text),
        IAmAliveTime = @IAmAliveTime
    FROM bumped AS b
    WHERE m.DeploymentId = b.DeploymentId AND m.Address = @Address
      AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed) AS updated;
$sql$);

-- The heartbeat is not a membership change: it neither checks nor moves the version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address
  AND Port = @Port AND Generation = @Generation;
$sql$);

-- Read from the version row outwards so the answer always has the version, with NULL silo columns when there is
-- no matching silo (the provider tells "no silo" by a NULL StartTime).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $sql$
SELECT v.Version      AS Version,
       m.Address      AS Address,
       m.Port         AS Port,
       m.Generation   AS Generation,
       m.SiloName     AS SiloName,
       m.HostName     AS HostName,
       m.Status       AS Status,
       m.ProxyPort    AS ProxyPort,
       m.SuspectTimes AS SuspectTimes,
       m.StartTime    AS StartTime,
       m.IAmAliveTime AS IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
      AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $sql$
SELECT v.Version      AS Version,
       m.Address      AS Address,
       m.Port         AS Port,
       m.Generation   AS Generation,
       m.SiloName     AS SiloName,
       m.HostName     AS HostName,
       m.Status       AS Status,
       m.ProxyPort    AS ProxyPort,
       m.SuspectTimes AS SuspectTimes,
       m.StartTime    AS StartTime,
       m.IAmAliveTime AS IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$sql$);

-- Clients (and silos) look for gateways here: active silos that listen for clients (a ProxyPort of 0 means none).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $sql$
SELECT Address    AS Address,
       ProxyPort  AS ProxyPort,
       Generation AS Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$sql$);

-- The cascade takes the silo rows along with the version row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId;
$sql$);

-- Defunct means dead (SiloStatus.Dead = 6) and silent since before the cut-off; live and joining silos are never
-- removed here. The provider falls back to this bulk form only when the per-row query below is missing.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
  AND StartTime < @IAmAliveTime;
$sql$);

-- Optional key that Orleans 10.4 prefers: it reads the table, picks the dead rows itself and deletes each one only
-- if it is still exactly what it read (same times, same suspicions), so a row that changed in between stays. The
-- provider sends no suspicions as NULL and the table may hold them as '', hence the folding.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Address = @Address
  AND Port = @Port AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(CAST(@SuspectTimes AS text), '');
$sql$);

-- Grain state ------------------------------------------------------------------------------------------------------

-- The grain id comes as two hashes, two 64-bit numbers and a string part (NULL for grains keyed by a Guid or an
-- integer without extension); with the grain type and the service it names one row. The unique index holds the
-- two unbounded strings as md5 digests because a B-tree entry cannot exceed about 2.7 kB and string grain keys
-- can be longer; NULLS NOT DISTINCT (PostgreSQL 15) makes a NULL string part count as one value.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL,
    Version                integer     NOT NULL
);

CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, md5(GrainTypeString), md5(GrainIdExtensionString))
    NULLS NOT DISTINCT;

-- A grain that read a version updates that version; a grain that read nothing (no version) inserts. Anything
-- else (someone wrote in between, or another activation inserted first) matches no row and answers no row,
-- which the provider turns into an InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $sql$
WITH updated AS
(
    UPDATE OrleansStorage AS s
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = now(),
        Version = s.Version + 1
    WHERE s.GrainIdHash = @GrainIdHash AND s.GrainTypeHash = @GrainTypeHash
      AND s.GrainIdN0 = @GrainIdN0 AND s.GrainIdN1 = @GrainIdN1
      AND s.ServiceId = @ServiceId AND s.GrainTypeString = @GrainTypeString
      AND s.GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND s.Version = CAST(@GrainStateVersion AS integer)
    RETURNING s.Version
),
inserted AS
(
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           CAST(@GrainIdExtensionString AS text), @ServiceId, @PayloadBinary, now(), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
$sql$);

-- A cleared grain keeps its row (and its version, moved on) with no payload, so a stale writer still conflicts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $sql$
SELECT PayloadBinary AS PayloadBinary,
       Version       AS Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text);
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $sql$
UPDATE OrleansStorage AS s
SET PayloadBinary = NULL,
    ModifiedOn = now(),
    Version = s.Version + 1
WHERE s.GrainIdHash = @GrainIdHash AND s.GrainTypeHash = @GrainTypeHash
  AND s.GrainIdN0 = @GrainIdN0 AND s.GrainIdN1 = @GrainIdN1
  AND s.ServiceId = @ServiceId AND s.GrainTypeString = @GrainTypeString
  AND s.GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
  AND s.Version = CAST(@GrainStateVersion AS integer)
RETURNING s.Version AS NewGrainStateVersion;
$sql$);

-- Used instead of ClearStorageKey when the provider is configured with DeleteStateOnClear. The provider still
-- compares the answer with the version it sent, so a successful delete answers that version plus one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $sql$
DELETE FROM OrleansStorage AS s
WHERE s.GrainIdHash = @GrainIdHash AND s.GrainTypeHash = @GrainTypeHash
  AND s.GrainIdN0 = @GrainIdN0 AND s.GrainIdN1 = @GrainIdN1
  AND s.ServiceId = @ServiceId AND s.GrainTypeString = @GrainTypeString
  AND s.GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
  AND s.Version = CAST(@GrainStateVersion AS integer)
RETURNING s.Version + 1 AS NewGrainStateVersion;
$sql$);

-- Reminders --------------------------------------------------------------------------------------------------------

-- GrainHash is the grain's uniform hash cast to a signed integer; the reminder service asks for ranges of the
-- hash ring in that signed order. Period is in milliseconds and may exceed 32 bits. The unique key hashes the two
-- free-form strings for the same B-tree size reason as OrleansStorage; the lookups repeat md5() to use it.
CREATE TABLE OrleansRemindersTable
(
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL
);

CREATE UNIQUE INDEX UX_OrleansReminders_Reminder ON OrleansRemindersTable (ServiceId, md5(GrainId), md5(ReminderName));

CREATE INDEX IX_OrleansReminders_Hash ON OrleansRemindersTable (ServiceId, GrainHash);

-- Registering again replaces the schedule and moves the etag (Version) on, so an unregister holding the old etag
-- no longer applies.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $sql$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, md5(GrainId), md5(ReminderName)) DO UPDATE
SET StartTime = excluded.StartTime,
    Period = excluded.Period,
    GrainHash = excluded.GrainHash,
    Version = r.Version + 1
RETURNING r.Version AS Version;
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $sql$
SELECT GrainId      AS GrainId,
       ReminderName AS ReminderName,
       StartTime    AS StartTime,
       Period       AS Period,
       Version      AS Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND md5(GrainId) = md5(@GrainId) AND GrainId = @GrainId;
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $sql$
SELECT GrainId      AS GrainId,
       ReminderName AS ReminderName,
       StartTime    AS StartTime,
       Period       AS Period,
       Version      AS Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND md5(GrainId) = md5(@GrainId) AND GrainId = @GrainId
  AND md5(ReminderName) = md5(@ReminderName) AND ReminderName = @ReminderName;
$sql$);

-- The provider picks this one when BeginHash < EndHash (as signed integers): the range (BeginHash, EndHash].
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $sql$
SELECT GrainId      AS GrainId,
       ReminderName AS ReminderName,
       StartTime    AS StartTime,
       Period       AS Period,
       Version      AS Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$sql$);

-- ...and this one otherwise: the range wraps past the end of the ring (or, when both ends are equal, is all of it).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $sql$
SELECT GrainId      AS GrainId,
       ReminderName AS ReminderName,
       StartTime    AS StartTime,
       Period       AS Period,
       Version      AS Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $sql$
WITH removed AS
(
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND md5(GrainId) = md5(@GrainId) AND GrainId = @GrainId
      AND md5(ReminderName) = md5(@ReminderName) AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS removed;
$sql$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $sql$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId;
$sql$);
