package dev.eventcrm.command.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param fromOwnerId when given, the contact changes hands only if this is still its owner (a hand-over) */
public record AssignContactOwner(@TargetAggregateIdentifier String contactId, String ownerId, String fromOwnerId,
                                 Long expectedVersion) implements ContactCommand {

    public AssignContactOwner(String contactId, String ownerId, Long expectedVersion) {
        this(contactId, ownerId, null, expectedVersion);
    }
}
