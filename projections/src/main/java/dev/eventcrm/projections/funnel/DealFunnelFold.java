package dev.eventcrm.projections.funnel;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;

/**
 * The funnel's fold: a deal's own events shape its facts. Owner changes are not folded: the funnel attributes a
 * deal to the owner it was opened by. Titles, expected close dates and the like change nothing here.
 */
public final class DealFunnelFold implements Fold<DealFunnelFacts> {
    /** The stage a deal opens in when the event names none (events stored before pipelines named it). */
    static final String FIRST_STAGE = "NEW";

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.DEAL) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public DealFunnelFacts empty(String documentId) {
        return DealFunnelFacts.empty(documentId);
    }

    @Override
    public DealFunnelFacts apply(DealFunnelFacts deal, ParsedEvent event) {
        if (event.payload() instanceof DealOpened opened) {
            return deal.opened(opened.pipelineId() == null ? DealStages.PIPELINE : opened.pipelineId(),
                    event.occurredAt(), opened.ownerId(), opened.source(), value(opened.amount()),
                    currency(opened.amount()), opened.stage() == null ? FIRST_STAGE : opened.stage());
        }
        if (event.payload() instanceof DealStageMoved moved) {
            StageKind kind = moved.targetKind();
            String reason = moved.lossReason() == null ? DealStages.UNSPECIFIED_REASON : moved.lossReason();
            // Moves stored before custom pipelines name no pipeline: the deal stays in its own.
            return deal.movedTo(moved.pipelineId() == null ? deal.pipelineId() : moved.pipelineId(), moved.to(), kind,
                    reason, event.occurredAt());
        }
        if (event.payload() instanceof DealReopened reopened) {
            return deal.movedTo(reopened.pipelineId() == null ? deal.pipelineId() : reopened.pipelineId(),
                    reopened.to(), StageKind.OPEN, null, event.occurredAt());
        }
        if (event.payload() instanceof DealAmountChanged changed) {
            return deal.withAmount(value(changed.amount()), currency(changed.amount()));
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
