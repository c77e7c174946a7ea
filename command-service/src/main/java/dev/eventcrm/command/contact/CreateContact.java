package dev.eventcrm.command.contact;

import dev.eventcrm.events.contact.ContactPersonalData;

/** @param allowDuplicate create the contact even if an existing one has one of its phone numbers or e-mails */
public record CreateContact(String contactId, ContactPersonalData personal, String city, String country,
                            String source, String ownerId, String timeZone, boolean allowDuplicate) {
}
