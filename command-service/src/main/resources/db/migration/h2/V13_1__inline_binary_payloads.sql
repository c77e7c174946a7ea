-- Payloads, metadata and stored answers as plain binary and text values, not LOBs (as bytea and text on PostgreSQL).
-- H2 keeps a LOB over 256 bytes in its LOB storage, apart from the row, and copies it into a temporary LOB map for
-- every result row that returns it: every aggregate load and every relay read wrote to the store. Event payloads
-- are a few KB; H2's VARBINARY and VARCHAR hold up to 1,000,000,000.
ALTER TABLE DomainEventEntry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE DomainEventEntry ALTER COLUMN metaData SET DATA TYPE VARBINARY;
ALTER TABLE SnapshotEventEntry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE SnapshotEventEntry ALTER COLUMN metaData SET DATA TYPE VARBINARY;
ALTER TABLE idempotency_key ALTER COLUMN body SET DATA TYPE VARCHAR;
