-- Cinema cluster mode, PostgreSQL schema (4/5): reminders (Orleans ADO.NET reminder service).
--
-- Our own script, written against the Orleans ADO.NET reminders provider contract (10.4), not copied from Orleans.
-- The contract, as the provider uses it:
--   * A reminder is identified by @ServiceId, @GrainId (the grain id's text form) and @ReminderName; it has a
--     @StartTime, a @Period in milliseconds and @GrainHash, the grain's 32-bit ring hash as a signed integer.
--   * Silos share the reminders out by ranges of that hash: ReadRangeRows1Key reads (@BeginHash, @EndHash] when the
--     range does not wrap in signed order, ReadRangeRows2Key reads the wrapped range (everything when equal).
--   * Version is the ETag: an upsert returns the new one, a delete succeeds only against the one given and
--     returns one boolean row either way.
--   * Result columns are read by name: GrainId, ReminderName, StartTime, Period (64-bit), Version.

CREATE TABLE IF NOT EXISTS grain_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS grain_reminder_ring ON grain_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO grain_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
        version = grain_reminder.version + 1
RETURNING version AS "Version"
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM grain_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM grain_reminder WHERE service_id = @ServiceId
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
