package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;

/**
 * The deal facts' fold: only the deal's own events, so the {@link dev.eventcrm.projections.fold.FoldEngine}'s
 * per-deal sequence guard alone makes redelivery and replay count nothing twice.
 */
public final class DealFactsFold implements Fold<DealFacts> {
    /** The stage a deal opens in when the event names none (as on the board). */
    private static final String FIRST_STAGE = "NEW";

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.DEAL) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public DealFacts empty(String documentId) {
        return DealFacts.empty(documentId);
    }

    @Override
    public DealFacts apply(DealFacts deal, ParsedEvent event) {
        if (event.payload() instanceof DealOpened opened) {
            // Deals opened before custom pipelines name none: they are in the default one.
            String pipelineId = opened.pipelineId() == null ? DealStages.PIPELINE : opened.pipelineId();
            return DealFacts.opened(deal.id(), pipelineId, opened.stage() == null ? FIRST_STAGE : opened.stage(),
                    opened.ownerId(), value(opened.amount()), currency(opened.amount()), opened.expectedCloseDate(),
                    event.occurredAt());
        }
        if (event.payload() instanceof DealStageMoved moved) {
            String pipelineId = moved.pipelineId() == null ? deal.pipelineId() : moved.pipelineId();
            return deal.movedTo(pipelineId, moved.to(), moved.targetKind(), event.occurredAt());
        }
        if (event.payload() instanceof DealReopened reopened) {
            String pipelineId = reopened.pipelineId() == null ? deal.pipelineId() : reopened.pipelineId();
            return deal.movedTo(pipelineId, reopened.to(), StageKind.OPEN, event.occurredAt());
        }
        if (event.payload() instanceof DealOwnerAssigned assigned) {
            return deal.withOwner(assigned.newOwnerId());
        }
        if (event.payload() instanceof DealAmountChanged changed) {
            return deal.withAmount(value(changed.amount()), currency(changed.amount()));
        }
        if (event.payload() instanceof DealExpectedCloseDateChanged changed) {
            return deal.withExpectedCloseDate(changed.expectedCloseDate());
        }
        return deal;
    }

    private static String value(Money amount) {
        return amount == null || amount.value() == null ? null : amount.value().toPlainString();
    }

    private static String currency(Money amount) {
        return amount == null ? null : amount.currency();
    }
}
