package dev.eventcrm.events.contact;

/** An archived contact back in the working lists. */
public record ContactRestored(String contactId) {
}
