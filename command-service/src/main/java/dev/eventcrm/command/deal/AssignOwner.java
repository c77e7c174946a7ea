package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param fromOwnerId when given, the deal changes hands only if this is still its owner (a portfolio hand-over) */
public record AssignOwner(@TargetAggregateIdentifier String dealId, String ownerId, String fromOwnerId,
                          Long expectedVersion)
        implements DealCommand {

    public AssignOwner(String dealId, String ownerId, Long expectedVersion) {
        this(dealId, ownerId, null, expectedVersion);
    }
}
