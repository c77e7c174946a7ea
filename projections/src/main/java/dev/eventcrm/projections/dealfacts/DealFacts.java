package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.events.pipeline.StageKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What the forecast and dynamics reports need of one deal, as of its latest event. The win and the loss are the
 * deal's current ones: a reopen (or a move back to an OPEN stage) withdraws them, so a deal won, reopened and won
 * again counts as won once, on its last win. Stage moves are facts that stay, corrections included.
 *
 * @param amountValue the decimal string of the event (no precision lost); null when the deal has no amount
 * @param wonAt       when the deal moved into its current WON stage; null unless it is won
 * @param wonBy       the owner at that moment, whom the win counts for (a later reassignment does not move it)
 * @param lostAt      when the deal moved into its current LOST stage; null unless it is lost
 * @param moves       when each stage move (reopens included) happened, in the deal's order
 */
public record DealFacts(
        String id,
        String pipelineId,
        String stage,
        StageKind status,
        String ownerId,
        String amountValue,
        String amountCurrency,
        LocalDate expectedCloseDate,
        Instant openedAt,
        Instant wonAt,
        String wonBy,
        Instant lostAt,
        List<Instant> moves) {
    /** The close month of a deal without an expected close date. */
    public static final String UNDATED = "undated";

    public DealFacts {
        moves = List.copyOf(moves);
    }

    static DealFacts empty(String id) {
        return new DealFacts(id, null, null, null, null, null, null, null, null, null, null, null, List.of());
    }

    /** The month its expected close date is in, {@link #UNDATED} without one. */
    public static String closeMonth(LocalDate expectedCloseDate) {
        return expectedCloseDate == null ? UNDATED : YearMonth.from(expectedCloseDate).toString();
    }

    /** A freshly opened deal. */
    static DealFacts opened(String id, String pipelineId, String stage, String ownerId, String amountValue,
                            String amountCurrency, LocalDate expectedCloseDate, Instant openedAt) {
        return new DealFacts(id, pipelineId, stage, StageKind.OPEN, ownerId, amountValue, amountCurrency,
                expectedCloseDate, openedAt, null, null, null, List.of());
    }

    /** The deal in {@code stage} of kind {@code status} from {@code at} on; the move is counted. */
    DealFacts movedTo(String pipelineId, String stage, StageKind status, Instant at) {
        List<Instant> allMoves = new ArrayList<>(moves);
        allMoves.add(at);
        return new DealFacts(id, pipelineId, stage, status, ownerId, amountValue, amountCurrency, expectedCloseDate,
                openedAt, status == StageKind.WON ? at : null, status == StageKind.WON ? ownerId : null,
                status == StageKind.LOST ? at : null, allMoves);
    }

    DealFacts withOwner(String ownerId) {
        return new DealFacts(id, pipelineId, stage, status, ownerId, amountValue, amountCurrency, expectedCloseDate,
                openedAt, wonAt, wonBy, lostAt, moves);
    }

    DealFacts withAmount(String amountValue, String amountCurrency) {
        return new DealFacts(id, pipelineId, stage, status, ownerId, amountValue, amountCurrency, expectedCloseDate,
                openedAt, wonAt, wonBy, lostAt, moves);
    }

    DealFacts withExpectedCloseDate(LocalDate expectedCloseDate) {
        return new DealFacts(id, pipelineId, stage, status, ownerId, amountValue, amountCurrency, expectedCloseDate,
                openedAt, wonAt, wonBy, lostAt, moves);
    }
}
