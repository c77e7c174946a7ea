-- The first company that gave each INN ('inn:' + digits), phone number ('phone:' + E.164) or e-mail address
-- ('email:' + lower case), for duplicate detection when companies are created or changed. Claimed in the command's
-- transaction, as contact_identity is: with the primary key, only one of two concurrent creates of the same identity
-- can commit its claim, and the other sees the first. Apart from contact_identity: a company and a person may
-- share a number.
CREATE TABLE company_identity (
    identity   VARCHAR(400) NOT NULL PRIMARY KEY,
    company_id VARCHAR(255) NOT NULL
);
