package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.ReferencesContact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Merges {@code duplicateId} into this contact, which survives. */
public record MergeContact(@TargetAggregateIdentifier String contactId, String duplicateId, Long expectedVersion)
        implements ContactCommand, ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new MergeContact(contactId, duplicateId, expectedVersion);
    }
}
