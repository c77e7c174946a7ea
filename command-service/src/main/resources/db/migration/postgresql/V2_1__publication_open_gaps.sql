-- Gaps the relay's stored position has passed while it still waits for them, so that a restarted relay resumes past
-- the rows it already published instead of re-publishing everything after the oldest open gap.
CREATE TABLE publication_open_gap (
    global_index BIGINT    NOT NULL PRIMARY KEY,
    first_seen   TIMESTAMP NOT NULL
);
