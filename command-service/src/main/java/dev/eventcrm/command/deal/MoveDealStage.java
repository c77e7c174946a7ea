package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param lossReason      for a move into a LOST stage; null records {@code unspecified}
 * @param expectedVersion the client's If-Match: null means "whatever the current version"
 */
public record MoveDealStage(@TargetAggregateIdentifier String dealId, String stage, String lossReason,
                            String comment, Long expectedVersion) implements DealCommand {

    public MoveDealStage(String dealId, String stage, Long expectedVersion) {
        this(dealId, stage, null, null, expectedVersion);
    }
}
