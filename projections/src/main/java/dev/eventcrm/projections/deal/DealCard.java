package dev.eventcrm.projections.deal;

import dev.eventcrm.projections.fold.CallTally;

import java.time.Instant;
import java.util.List;

/**
 * One deal on the board. {@code title == null && openedAt == null} until the deal's opening is applied (a call can
 * arrive first). {@code amountValue} stays the decimal string of the event, so no precision is lost.
 */
public record DealCard(
        String id,
        String title,
        String contactId,
        String pipelineId,
        String stage,
        String ownerId,
        String source,
        String amountValue,
        String amountCurrency,
        List<StageVisit> stageHistory,
        Instant openedAt,
        Instant updatedAt,
        CallTally calls) {

    public DealCard {
        stageHistory = List.copyOf(stageHistory);
    }

    /** A stay in one stage; {@code exitedAt} is null for the current one. */
    public record StageVisit(String stage, Instant enteredAt, Instant exitedAt) {
    }

    static DealCard empty(String id) {
        return new DealCard(id, null, null, null, null, null, null, null, null, List.of(), null, null, CallTally.NONE);
    }
}
