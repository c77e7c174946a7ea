-- Each company's name folded for lookup (see CompanyNames.key), written with its creation and renames: an import
-- links a contact to the company its "company" column names. Names are not unique, so neither is the key.
CREATE TABLE company_name (
    company_id VARCHAR(255) NOT NULL PRIMARY KEY,
    name_key   VARCHAR(400) NOT NULL
);
CREATE INDEX company_name_key ON company_name (name_key);
