package dev.eventcrm.events.contact;

/** The contact's city or country changed; both are given as they now are (null: removed). */
public record ContactLocationChanged(String contactId, String city, String country) {
}
