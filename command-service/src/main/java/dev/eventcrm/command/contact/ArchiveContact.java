package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.ReferencesContact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveContact(@TargetAggregateIdentifier String contactId, String reason, Long expectedVersion)
        implements ContactCommand, ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new ArchiveContact(contactId, reason, expectedVersion);
    }
}
