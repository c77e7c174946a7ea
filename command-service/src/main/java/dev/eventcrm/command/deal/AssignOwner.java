package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssignOwner(@TargetAggregateIdentifier String dealId, String ownerId, Long expectedVersion)
        implements DealCommand {
}
