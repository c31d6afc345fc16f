-- Cinema cluster mode, PostgreSQL schema (1/5): the bookkeeping every other part builds on.
--
-- Our own script, written against the contract of the Orleans ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet,
-- .Persistence.AdoNet and .Reminders.AdoNet 10.4): the providers read their SQL by key from a table OrleansQuery,
-- bind named parameters (@DeploymentId, @GrainIdHash, ...) and read result columns by name. Tables, functions and
-- queries here are Cinema's; only the key names, parameter names and result column names belong to Orleans.
--
-- Every part is idempotent, so `db init` can run any number of times; Cinema applies the parts in file-name order
-- in one transaction. To apply them by hand: psql --single-transaction -v ON_ERROR_STOP=1 -f 00-... -f 10-... ...

-- Two `db init` at once would race on CREATE ... IF NOT EXISTS; the second waits for the first instead.
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('cinema db init')); END $$;

-- The version of this schema, one row, written by the last part. Start-up compares it with what the release needs.
CREATE TABLE IF NOT EXISTS cinema_schema
(
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version    integer     NOT NULL,
    applied_at timestamptz NOT NULL
);

-- An older release must not rewrite the tables and queries of a newer one. 1 is this release's schema version, the
-- one 90-schema-version.sql records.
DO $$
DECLARE
    recorded integer;
BEGIN
    SELECT version INTO recorded FROM cinema_schema;
    IF recorded > 1 THEN
        RAISE EXCEPTION 'the database has Cinema schema version %, newer than this release''s (1): use a newer Cinema release', recorded;
    END IF;
END;
$$;

-- The providers load their statements with `SELECT QueryKey, QueryText FROM OrleansQuery`. Those names are unquoted,
-- so PostgreSQL folds them to lower case: the table and its columns must be named in lower case too.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
