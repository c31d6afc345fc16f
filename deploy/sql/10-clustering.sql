-- Cinema cluster mode, PostgreSQL schema (2/5): cluster membership (Orleans ADO.NET clustering).
--
-- Our own script, written against the Orleans ADO.NET clustering provider contract (10.4), not copied from Orleans.
-- The contract, as the provider uses it:
--   * @DeploymentId is the cluster id. Each cluster has one version row; every membership change (a silo joining,
--     changing status, being suspected) must be based on the version the writer last read, and moves it on by one.
--     That is Orleans' optimistic concurrency over the whole membership table. The provider passes the version it
--     read as @Version and expects TRUE (the change was made) or FALSE (someone else changed the table first).
--   * A heartbeat (@IAmAliveTime alone) changes neither the version nor anything else.
--   * Reads return the version row joined to the silo rows, so even an empty cluster yields one row (with NULL
--     silo columns); the provider takes the version from the first row and a NULL StartTime as "no silo".
--   * Result columns are read by name: Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
--     SuspectTimes, StartTime, IAmAliveTime, Version. Status numbers are Orleans' SiloStatus (3 Active, 6 Dead).

CREATE TABLE IF NOT EXISTS cluster_version
(
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS cluster_silo
(
    deployment_id   text        NOT NULL REFERENCES cluster_version ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    -- Orleans' own encoding, "silo,time|silo,time"; stored and compared as text, never parsed here.
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo, if the table is still at the version the caller read. The version row is locked first, so that
-- concurrent writers queue on it and each compares against the latest committed version.
CREATE OR REPLACE FUNCTION cluster_insert_silo(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_read_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version FROM cluster_version WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS DISTINCT FROM p_read_version THEN
        RETURN false;
    END IF;
    INSERT INTO cluster_silo (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                              start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE cluster_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment_id;
    RETURN true;
END;
$$;

-- Changes a silo's status, suspicions and liveness, under the same version rule as cluster_insert_silo.
CREATE OR REPLACE FUNCTION cluster_update_silo(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_read_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version FROM cluster_version WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS DISTINCT FROM p_read_version THEN
        RETURN false;
    END IF;
    UPDATE cluster_silo
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE cluster_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment_id;
    RETURN true;
END;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
-- TRUE when this call created the cluster's version row (every silo tries at start; one wins).
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO cluster_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM cluster_version v
LEFT JOIN cluster_silo s ON s.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM cluster_version v
LEFT JOIN cluster_silo s ON s.deployment_id = v.deployment_id
    AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('InsertMembershipKey', $q$
SELECT cluster_insert_silo(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
                           @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT cluster_update_silo(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
                           @Version)
$q$),

-- The heartbeat: liveness only, so no version change (membership decisions never wait on heartbeats).
('UpdateIAmAlivetimeKey', $q$
UPDATE cluster_silo SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM cluster_silo
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Removes the whole cluster (the silo rows go with the version row).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM cluster_version WHERE deployment_id = @DeploymentId
$q$),

-- Removal of one dead silo's row, only if it is still exactly as the caller read it (a row that changed since is
-- left for a later round). Not a membership change, so no version change. This is the query 10.4 uses when present.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM cluster_silo
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$),

-- The older, table-wide removal of dead silos quiet since @IAmAliveTime; required by the provider, used only when
-- CleanupDefunctSiloEntryKey is missing.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM cluster_silo
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
