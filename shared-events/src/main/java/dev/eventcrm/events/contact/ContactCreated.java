package dev.eventcrm.events.contact;

public record ContactCreated(
        String contactId,
        ContactPersonalData personal,
        String city,
        String country,
        String source,
        String ownerId) {
}
