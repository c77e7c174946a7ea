package dev.eventcrm.projections.funnel;

import dev.eventcrm.events.pipeline.StageKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the funnel report needs to know of one deal, and nothing more: the cohort keys (pipeline, opening time, owner
 * at opening, source), where the deal is now, how it was closed, and one {@link StageStay} per stage it was ever in.
 * The report counts stages from the set of stays, so a re-entry or a regression can never count a deal twice.
 * {@code openedAt == null} until the deal's opening is applied.
 *
 * @param ownerAtOpening the owner named by DealOpened: the attribution of the cohort (later assignments do not move
 *                       a deal between owners' funnels)
 * @param lastOpenStage  the OPEN stage the deal was last in; where a deal closed as LOST was lost
 * @param lossStage      while the deal is LOST: the OPEN stage it was in when it was closed as lost, else null
 * @param lossReason     while the deal is LOST: the reason given, {@code unspecified} when none, else null
 * @param closedAt       when the deal moved into its current WON or LOST stage; null while it is open
 */
public record DealFunnelFacts(
        String id,
        String pipelineId,
        Instant openedAt,
        String ownerAtOpening,
        String source,
        String amountValue,
        String amountCurrency,
        String stage,
        StageKind status,
        Instant closedAt,
        String lastOpenStage,
        String lossStage,
        String lossReason,
        List<StageStay> stays) {

    public DealFunnelFacts {
        stays = List.copyOf(stays);
    }

    /**
     * Every stay of the deal in one stage, folded into one: the latest stay's bounds and the milliseconds of the
     * stays that ended. The current stay's length is left to the reader (it grows with the reader's clock).
     *
     * @param kind           the stage's kind when the deal first entered it
     * @param enteredAt      when the latest stay began
     * @param exitedAt       when the latest stay ended; null while the deal is in the stage
     * @param completedMillis the stays that ended, added up
     */
    public record StageStay(String stage, StageKind kind, Instant enteredAt, Instant exitedAt, long completedMillis) {
    }

    static DealFunnelFacts empty(String id) {
        return new DealFunnelFacts(id, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of());
    }

    DealFunnelFacts opened(String pipelineId, Instant at, String owner, String source, String amountValue,
                           String amountCurrency, String stage) {
        return new DealFunnelFacts(id, pipelineId, at, owner, source, amountValue, amountCurrency, stage,
                StageKind.OPEN, null, stage, null, null, List.of(new StageStay(stage, StageKind.OPEN, at, null, 0)));
    }

    /** The deal in {@code target} from {@code at} on; a move into a LOST stage keeps where and why it was lost. */
    DealFunnelFacts movedTo(String pipelineId, String target, StageKind kind, String reason, Instant at) {
        List<StageStay> next = new ArrayList<>(stays.size() + 1);
        boolean known = false;
        for (StageStay stay : stays) {
            StageStay current = stay.exitedAt() == null ? new StageStay(stay.stage(), stay.kind(), stay.enteredAt(),
                    at, stay.completedMillis() + Duration.between(stay.enteredAt(), at).toMillis()) : stay;
            if (current.stage().equals(target)) {
                current = new StageStay(target, current.kind(), at, null, current.completedMillis());
                known = true;
            }
            next.add(current);
        }
        if (!known) {
            next.add(new StageStay(target, kind, at, null, 0));
        }
        boolean lost = kind == StageKind.LOST;
        return new DealFunnelFacts(id, pipelineId, openedAt, ownerAtOpening, source, amountValue, amountCurrency,
                target, kind, kind == StageKind.OPEN ? null : at, kind == StageKind.OPEN ? target : lastOpenStage,
                lost ? lastOpenStage : null, lost ? reason : null, next);
    }

    DealFunnelFacts withAmount(String value, String currency) {
        return new DealFunnelFacts(id, pipelineId, openedAt, ownerAtOpening, source, value, currency, stage, status,
                closedAt, lastOpenStage, lossStage, lossReason, stays);
    }
}
