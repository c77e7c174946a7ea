package dev.eventcrm.events.activity;

/** A free-text note on a contact. @param dealId the deal it is about; null when none */
public record NoteAdded(String noteId, String contactId, String dealId, String text) {
}
