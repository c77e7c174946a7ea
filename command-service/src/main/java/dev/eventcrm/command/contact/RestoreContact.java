package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.ReferencesContact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestoreContact(@TargetAggregateIdentifier String contactId, Long expectedVersion)
        implements ContactCommand, ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new RestoreContact(contactId, expectedVersion);
    }
}
