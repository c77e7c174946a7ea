package dev.eventcrm.projections.deal;

import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.CallTally;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The deal board's fold: deal events shape the card, calls about the deal count on it. */
public final class DealBoardFold implements Fold<DealCard> {
    /** The stage a deal opens in when the event names none. */
    static final String FIRST_STAGE = "NEW";

    @Override
    public List<String> targets(ParsedEvent event) {
        if (event.isOf(ParsedEvent.DEAL)) {
            return List.of(event.aggregateId());
        }
        if (event.payload() instanceof CallLogged call && call.dealId() != null) {
            return List.of(call.dealId());
        }
        return List.of();
    }

    @Override
    public DealCard empty(String documentId) {
        return DealCard.empty(documentId);
    }

    @Override
    public DealCard apply(DealCard deal, ParsedEvent event) {
        Instant at = event.occurredAt();
        if (event.payload() instanceof CallLogged call) {
            return with(deal, deal.stage(), deal.ownerId(), deal.stageHistory(), deal.updatedAt(),
                    deal.calls().with(call, at));
        }
        if (event.payload() instanceof DealOpened opened) {
            String stage = opened.stage() == null ? FIRST_STAGE : opened.stage();
            return new DealCard(deal.id(), opened.title(), opened.contactId(), opened.pipelineId(), stage,
                    opened.ownerId(), opened.source(),
                    opened.amount() == null || opened.amount().value() == null ? null
                            : opened.amount().value().toPlainString(),
                    opened.amount() == null ? null : opened.amount().currency(),
                    List.of(new DealCard.StageVisit(stage, at, null)), at, at, deal.calls());
        }
        if (event.payload() instanceof DealStageMoved moved) {
            List<DealCard.StageVisit> history = new ArrayList<>();
            for (DealCard.StageVisit visit : deal.stageHistory()) {
                history.add(visit.exitedAt() == null ? new DealCard.StageVisit(visit.stage(), visit.enteredAt(), at)
                        : visit);
            }
            history.add(new DealCard.StageVisit(moved.to(), at, null));
            return with(deal, moved.to(), deal.ownerId(), history, at, deal.calls());
        }
        if (event.payload() instanceof DealOwnerAssigned assigned) {
            return with(deal, deal.stage(), assigned.newOwnerId(), deal.stageHistory(), at, deal.calls());
        }
        // A deal event the board shows nothing of still marks the deal as changed.
        return with(deal, deal.stage(), deal.ownerId(), deal.stageHistory(), at, deal.calls());
    }

    private static DealCard with(DealCard deal, String stage, String ownerId, List<DealCard.StageVisit> history,
                                 Instant updatedAt, CallTally calls) {
        return new DealCard(deal.id(), deal.title(), deal.contactId(), deal.pipelineId(), stage, ownerId,
                deal.source(), deal.amountValue(), deal.amountCurrency(), history, deal.openedAt(), updatedAt, calls);
    }
}
