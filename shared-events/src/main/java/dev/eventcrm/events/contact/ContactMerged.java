package dev.eventcrm.events.contact;

/**
 * Another contact, a duplicate of this one, was merged into it: this contact survives, with the personal data of
 * both (its own name; the phones and e-mails of both, its own first). The duplicate's history stays its own.
 */
public record ContactMerged(String contactId, String duplicateId, ContactPersonalData personal) {
}
