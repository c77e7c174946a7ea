package dev.eventcrm.command.contact;

import dev.eventcrm.events.contact.ContactPersonalData;

/**
 * @param companyId      the company the contact belongs to, which must exist; null for none
 * @param allowDuplicate create the contact even if an existing one has one of its phone numbers or e-mails
 */
public record CreateContact(String contactId, ContactPersonalData personal, String city, String country,
                            String source, String ownerId, String timeZone, String companyId,
                            boolean allowDuplicate) {
}
