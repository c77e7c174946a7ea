-- Global indexes the relay stopped waiting for: re-checked for a while, so that a very late commit is still published.
CREATE TABLE publication_abandoned_gap (
    global_index BIGINT    NOT NULL PRIMARY KEY,
    abandoned_at TIMESTAMP NOT NULL
);
