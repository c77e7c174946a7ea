package dev.eventcrm.command.activity;

import dev.eventcrm.command.lookup.ReferencesContact;

public record AddNote(String noteId, String contactId, String dealId, String text) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new AddNote(noteId, contactId, dealId, text);
    }
}
