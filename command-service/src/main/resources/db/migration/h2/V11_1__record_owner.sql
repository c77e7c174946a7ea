-- Who owns each deal and contact, and whether a deal is open, written in the transaction of the events that change
-- it: a manager's portfolio (open deals, contacts) is found here when it is handed over. Records created before this
-- table existed are added from their events by OwnershipBackfill at start-up.
CREATE TABLE record_owner (
    record_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    record_type VARCHAR(100) NOT NULL,
    owner_id    VARCHAR(100) NOT NULL,
    active      BOOLEAN      NOT NULL
);
CREATE INDEX record_owner_portfolio ON record_owner (owner_id, record_type, active);
