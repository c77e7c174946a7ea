-- Axon's JDBC event store tables (default EventSchema names); H2 variant: AUTO_INCREMENT global index and BLOB payloads.
CREATE TABLE DomainEventEntry (
    globalIndex         BIGINT AUTO_INCREMENT NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BLOB,
    payload             BLOB         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BLOB,
    payload             BLOB         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BLOB,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

-- How far the relay has published the event store to Kafka, and which instance holds the relay lease.
CREATE TABLE event_publication (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    position    BIGINT       NOT NULL,
    owner       VARCHAR(255),
    lease_until BIGINT       NOT NULL,
    updated_at  TIMESTAMP    NOT NULL
);

-- First response per Idempotency-Key, written in the same transaction as the command's events.
CREATE TABLE idempotency_key (
    scope        VARCHAR(300) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    status       INTEGER      NOT NULL,
    body         CLOB         NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (scope)
);
