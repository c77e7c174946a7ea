package dev.eventcrm.events.contact;

/** @param timeZone the IANA zone now given for the contact; null: none given (the phone suggests one) */
public record ContactTimeZoneChanged(String contactId, String previousTimeZone, String timeZone) {
}
