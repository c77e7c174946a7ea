package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.ReferencesContact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param fromOwnerId when given, the contact changes hands only if this is still its owner (a hand-over) */
public record AssignContactOwner(@TargetAggregateIdentifier String contactId, String ownerId, String fromOwnerId,
                                 Long expectedVersion) implements ContactCommand, ReferencesContact {

    public AssignContactOwner(String contactId, String ownerId, Long expectedVersion) {
        this(contactId, ownerId, null, expectedVersion);
    }

    @Override
    public Object withContactId(String contactId) {
        return new AssignContactOwner(contactId, ownerId, fromOwnerId, expectedVersion);
    }
}
