-- The contact a deal is about, written with the deal's row when it opens: a contact's open deals are found here (the
-- unanswered-call cadence loses them when the contact turns out unreachable). Null for contacts and tasks. Deals
-- stored before this column existed get theirs from their DealOpened event, at start-up, by OwnershipBackfill.
ALTER TABLE record_owner ADD COLUMN contact_id VARCHAR(255);
CREATE INDEX record_owner_contact ON record_owner (contact_id);
