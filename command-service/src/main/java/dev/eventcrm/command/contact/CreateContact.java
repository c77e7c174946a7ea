package dev.eventcrm.command.contact;

import dev.eventcrm.events.contact.ContactPersonalData;

public record CreateContact(String contactId, ContactPersonalData personal, String city, String country,
                            String source, String ownerId, String timeZone) {
}
