-- Set-based lookup of existing aggregates (id -> type), written with each aggregate's first event and consulted by
-- command handlers for rules that span aggregates. Backfilled from the events stored before it existed.
CREATE TABLE aggregate_lookup (
    aggregate_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    aggregate_type VARCHAR(100) NOT NULL
);

INSERT INTO aggregate_lookup (aggregate_id, aggregate_type)
SELECT aggregateIdentifier, type FROM DomainEventEntry WHERE sequenceNumber = 0 AND type IS NOT NULL;
