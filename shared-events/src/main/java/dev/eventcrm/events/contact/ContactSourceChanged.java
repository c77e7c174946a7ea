package dev.eventcrm.events.contact;

public record ContactSourceChanged(String contactId, String previousSource, String source) {
}
