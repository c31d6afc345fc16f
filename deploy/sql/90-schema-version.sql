-- Cinema cluster mode, PostgreSQL schema (5/5): records the schema version these scripts create.
-- Our own script. Cinema's start-up compares this number with the one it needs (PostgresSchema.CurrentVersion) and
-- asks for `db init` when it is missing or older. A new schema version changes it here, in the guard of
-- 00-foundation.sql and in PostgresSchema.CurrentVersion together. Written last, so that a run that failed half-way
-- (outside a transaction) does not claim a schema it did not finish.

INSERT INTO cinema_schema (singleton, version, applied_at) VALUES (true, 1, now())
ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at;
