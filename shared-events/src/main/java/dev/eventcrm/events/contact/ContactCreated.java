package dev.eventcrm.events.contact;

/**
 * @param timeZone the IANA time zone given for the contact; null when none was given (the contact's phone number
 *                 then suggests one)
 */
public record ContactCreated(
        String contactId,
        ContactPersonalData personal,
        String city,
        String country,
        String source,
        String ownerId,
        String timeZone) {
}
