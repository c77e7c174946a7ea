-- The invoice that first took each invoice number (upper case, without surrounding spaces: "inv-7 " and "INV-7" are
-- one number on paper), claimed in the IssueInvoice command's transaction: with the primary key, only one of two
-- concurrent issues of the same number can commit its claim, and the other finds the first.
CREATE TABLE invoice_number (
    number_key VARCHAR(100) NOT NULL PRIMARY KEY,
    invoice_id VARCHAR(255) NOT NULL
);
