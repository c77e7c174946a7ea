-- CSV imports of contacts and how far each has got, written in the transaction of the import's own events
-- (ContactImportStarted, ContactImportProgressed, ContactImportFinished), so that GET /api/v1/imports/{id} survives a
-- restart. heartbeat_at is touched by the instance running the import; a RUNNING import whose heartbeat stopped
-- (its instance crashed) is marked FAILED by any instance.
CREATE TABLE contact_import (
    import_id    VARCHAR(36)   NOT NULL PRIMARY KEY,
    state        VARCHAR(16)   NOT NULL,
    file_name    VARCHAR(255),
    total_rows   BIGINT        NOT NULL,
    rows_read    BIGINT        NOT NULL DEFAULT 0,
    accepted     BIGINT        NOT NULL DEFAULT 0,
    duplicates   BIGINT        NOT NULL DEFAULT 0,
    rejected     BIGINT        NOT NULL DEFAULT 0,
    skipped      BIGINT        NOT NULL DEFAULT 0,
    failure      VARCHAR(1000),
    started_at   TIMESTAMP     NOT NULL,
    heartbeat_at TIMESTAMP     NOT NULL,
    finished_at  TIMESTAMP
);

CREATE INDEX contact_import_running ON contact_import (state, heartbeat_at);

-- The per-row report: the first rows of each outcome (crm.imports.max-reported-rows), one line per rejected column.
-- outcome: ACCEPTED (contact_id = the new contact), DUPLICATE (contact_id = the existing one), REJECTED (column_name,
-- reason).
CREATE TABLE contact_import_row (
    import_id   VARCHAR(36)   NOT NULL,
    report_no   INT           NOT NULL,
    row_no      BIGINT        NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    contact_id  VARCHAR(36),
    column_name VARCHAR(255),
    reason      VARCHAR(1000),
    PRIMARY KEY (import_id, report_no)
);
