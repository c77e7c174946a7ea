package dev.eventcrm.events.contact;

/**
 * @param timeZone  the IANA time zone given for the contact; null when none was given (the contact's phone number
 *                  then suggests one)
 * @param companyId the company the contact belongs to; null when none (and in events written before companies)
 */
public record ContactCreated(
        String contactId,
        ContactPersonalData personal,
        String city,
        String country,
        String source,
        String ownerId,
        String timeZone,
        String companyId) {

    /** The contact as recorded before companies. */
    public ContactCreated(String contactId, ContactPersonalData personal, String city, String country, String source,
                          String ownerId, String timeZone) {
        this(contactId, personal, city, country, source, ownerId, timeZone, null);
    }
}
