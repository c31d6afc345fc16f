-- Cinema cluster mode, PostgreSQL schema (3/5): grain state (Orleans ADO.NET grain persistence).
--
-- Our own script, written against the Orleans ADO.NET persistence provider contract (10.4), not copied from Orleans.
-- The contract, as the provider uses it:
--   * A state is identified by @ServiceId, @GrainTypeString (the state's name), @GrainIdN0 and @GrainIdN1 (a Guid or
--     integer key, else 0) and @GrainIdExtensionString (a string key or key extension, else NULL). The provider also
--     sends @GrainIdHash and @GrainTypeHash, 32-bit hashes of the grain id and the type, for a compact index.
--   * @GrainStateVersion is the ETag the grain holds: NULL for a state it has never seen stored. A write or clear
--     succeeds only against that version and returns the new one as NewGrainStateVersion; returning the old version,
--     NULL or nothing tells the provider that another activation wrote first (InconsistentStateException).
--   * A read returns PayloadBinary and Version, or no row.
--   * Cinema deletes a state's row when the grain clears it (DeleteStateOnClear), as its SQLite storage does;
--     the delete returns the deleted version + 1, so that it differs from the ETag the grain held.

CREATE TABLE IF NOT EXISTS grain_state
(
    service_id      text        NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_type      text        NOT NULL,
    grain_key       text,
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per state. Lookups go by the two hashes first; the texts enter the index as digests, so that long string
-- keys (a SIP Call-ID can be long) never exceed an index entry. NULL and '' keys stay distinct.
CREATE UNIQUE INDEX IF NOT EXISTS grain_state_identity ON grain_state
    (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
     md5(grain_type), md5(coalesce(grain_key, '')), (grain_key IS NULL));

-- Writes a state (or, with a NULL payload, clears it) if it is still at the version the grain read.
-- Returns the new version, or NULL when another writer got there first.
CREATE OR REPLACE FUNCTION grain_state_write(
    p_service_id text, p_grain_id_hash integer, p_grain_type_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint,
    p_grain_type text, p_grain_key text, p_read_version integer, p_payload bytea)
RETURNS integer
LANGUAGE plpgsql AS
$$
DECLARE
    new_version integer;
BEGIN
    IF p_read_version IS NULL THEN
        -- A first write. If a row exists already, another activation wrote it: the unique index says so.
        INSERT INTO grain_state (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type,
                                 grain_key, payload, version)
        VALUES (p_service_id, p_grain_id_hash, p_grain_type_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type,
                p_grain_key, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE grain_state
           SET payload = p_payload, version = version + 1, modified_at = now()
         WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash AND service_id = p_service_id
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1 AND grain_type = p_grain_type
           AND grain_key IS NOT DISTINCT FROM p_grain_key
           AND version = p_read_version
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;
END;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

('WriteToStorageKey', $q$
SELECT grain_state_write(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
                         @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"
$q$),

-- Clearing without deleting (DeleteStateOnClear off) keeps the row and its version line, with no payload.
('ClearStorageKey', $q$
SELECT grain_state_write(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
                         @GrainIdExtensionString, @GrainStateVersion, NULL) AS "NewGrainStateVersion"
$q$),

('DeleteStorageKey', $q$
DELETE FROM grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
