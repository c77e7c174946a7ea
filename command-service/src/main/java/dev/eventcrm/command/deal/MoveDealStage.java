package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion} is the client's If-Match: null means "whatever the current version". */
public record MoveDealStage(@TargetAggregateIdentifier String dealId, String stage, Long expectedVersion)
        implements DealCommand {
}
