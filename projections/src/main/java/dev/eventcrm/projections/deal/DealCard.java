package dev.eventcrm.projections.deal;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.CallTally;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One deal on the board. {@code title == null && openedAt == null} until the deal's opening is applied (a call can
 * arrive first). {@code amountValue} stays the decimal string of the event, so no precision is lost.
 *
 * @param status      the kind of the current stage: OPEN, or closed as WON or LOST; null until opened
 * @param lossReason  the reason given with the move into a LOST stage; null while the deal is not lost
 * @param regressions how many moves went backward in the pipeline's order
 * @param closedAt    when the deal moved into a WON or LOST stage; null while it is open
 * @param nextSteps   the deal's open next-step tasks, oldest first: one while the command side's rule holds and the
 *                    read model has caught up; kept as a set (not one id) so that the deal's and its tasks' events,
 *                    which arrive in no order between aggregates, give the same result in any order
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
        LocalDate expectedCloseDate,
        StageKind status,
        String lossReason,
        String lossComment,
        int regressions,
        Instant closedAt,
        List<StageVisit> stageHistory,
        Instant openedAt,
        Instant updatedAt,
        CallTally calls,
        List<NextStep> nextSteps) {

    public DealCard {
        stageHistory = List.copyOf(stageHistory);
        nextSteps = List.copyOf(nextSteps);
    }

    /** An open next-step task of the deal, created at {@code createdAt}. */
    public record NextStep(String taskId, Instant createdAt) {
    }

    /** The current next step: the newest open one (older ones are superseded, their completion yet to arrive). */
    public String nextStepTaskId() {
        return nextSteps.stream().max(Comparator.comparing(NextStep::createdAt).thenComparing(NextStep::taskId))
                .map(NextStep::taskId).orElse(null);
    }

    /** The deal with {@code step} among its open next steps; no change to updatedAt, a task is not the deal. */
    DealCard withNextStep(NextStep step) {
        List<NextStep> steps = new ArrayList<>(nextSteps);
        steps.removeIf(known -> known.taskId().equals(step.taskId()));
        steps.add(step);
        steps.sort(Comparator.comparing(NextStep::createdAt).thenComparing(NextStep::taskId));
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt,
                updatedAt, calls, steps);
    }

    /** The deal without the next step {@code taskId} (completed or cancelled). */
    DealCard withoutNextStep(String taskId) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt,
                updatedAt, calls, nextSteps.stream().filter(step -> !step.taskId().equals(taskId)).toList());
    }

    /** A stay in one stage; {@code exitedAt} is null for the current one. */
    public record StageVisit(String stage, Instant enteredAt, Instant exitedAt) {
    }

    static DealCard empty(String id) {
        return new DealCard(id, null, null, null, null, null, null, null, null, null, null, null, null, 0, null,
                List.of(), null, null, CallTally.NONE, List.of());
    }

    /**
     * The deal in {@code stage} from {@code at} on, the current visit closed. A move into LOST records its reason and
     * comment; any other move clears them, as a deal that is not lost has no loss reason.
     */
    DealCard movedTo(String pipelineId, String stage, StageKind status, String lossReason, String lossComment,
                     boolean regression, Instant at) {
        List<StageVisit> history = new ArrayList<>(stageHistory.size() + 1);
        for (StageVisit visit : stageHistory) {
            history.add(visit.exitedAt() == null ? new StageVisit(visit.stage(), visit.enteredAt(), at) : visit);
        }
        history.add(new StageVisit(stage, at, null));
        boolean lost = status == StageKind.LOST;
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lost ? lossReason : null, lost ? lossComment : null,
                regression ? regressions + 1 : regressions, status == StageKind.OPEN ? null : at, history, openedAt,
                at, calls, nextSteps);
    }

    DealCard withOwner(String ownerId, Instant at) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt, at,
                calls, nextSteps);
    }

    DealCard withTitle(String title, Instant at) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt, at,
                calls, nextSteps);
    }

    DealCard withAmount(Money amount, Instant at) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, value(amount), currency(amount),
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt, at,
                calls, nextSteps);
    }

    DealCard withExpectedCloseDate(LocalDate expectedCloseDate, Instant at) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt, at,
                calls, nextSteps);
    }

    DealCard withCalls(CallTally calls) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt,
                updatedAt, calls, nextSteps);
    }

    DealCard touched(Instant at) {
        return new DealCard(id, title, contactId, pipelineId, stage, ownerId, source, amountValue, amountCurrency,
                expectedCloseDate, status, lossReason, lossComment, regressions, closedAt, stageHistory, openedAt, at,
                calls, nextSteps);
    }

    static String value(Money amount) {
        return amount == null || amount.value() == null ? null : amount.value().toPlainString();
    }

    static String currency(Money amount) {
        return amount == null ? null : amount.currency();
    }
}
