-- The first contact that gave each phone number ('phone:' + E.164) or e-mail address ('email:' + lower case), for
-- duplicate detection when contacts are created. Claimed in the creating command's transaction: with the primary
-- key, only one of two concurrent creates of the same identity can commit its claim, and the other sees the first.
-- Contacts created before this table existed hold no identities (their personal data is inside serialized events).
CREATE TABLE contact_identity (
    identity   VARCHAR(400) NOT NULL PRIMARY KEY,
    contact_id VARCHAR(255) NOT NULL
);
