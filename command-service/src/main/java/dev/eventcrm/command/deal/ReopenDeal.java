package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param stage the OPEN stage to reopen in; null: the pipeline's first */
public record ReopenDeal(@TargetAggregateIdentifier String dealId, String stage, Long expectedVersion)
        implements DealCommand {
}
