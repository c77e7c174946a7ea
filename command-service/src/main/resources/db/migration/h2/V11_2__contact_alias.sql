-- The id of every contact merged into another, with the contact it now resolves to (always a contact that was not
-- merged itself: merging a survivor re-points its aliases). Written in the merge's transaction.
CREATE TABLE contact_alias (
    merged_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    survivor_id VARCHAR(255) NOT NULL
);
CREATE INDEX contact_alias_survivor ON contact_alias (survivor_id);
