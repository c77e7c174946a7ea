package dev.eventcrm.command.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssignContactOwner(@TargetAggregateIdentifier String contactId, String ownerId, Long expectedVersion)
        implements ContactCommand {
}
