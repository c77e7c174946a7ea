package dev.eventcrm.command.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestoreContact(@TargetAggregateIdentifier String contactId, Long expectedVersion)
        implements ContactCommand {
}
