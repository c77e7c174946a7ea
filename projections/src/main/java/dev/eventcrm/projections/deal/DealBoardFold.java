package dev.eventcrm.projections.deal;

import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealTitleChanged;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deal board's fold: deal events shape the card, calls about the deal count on it, and the events of its
 * next-step tasks keep the set of its open next steps (a task's later events are routed to the deal its creation
 * named, {@link NextStepTasks}). Each task is an aggregate of its own with its own applied sequence on the card, so
 * redelivery and any order between the deal and its tasks give the same set.
 */
public final class DealBoardFold implements Fold<DealCard> {
    /** The stage a deal opens in when the event names none. */
    static final String FIRST_STAGE = "NEW";

    private final NextStepTasks nextStepTasks;

    /** @param history the event store's history, where a next step's deal is read when its creation was not seen */
    public DealBoardFold(EventHistory history) {
        this.nextStepTasks = new NextStepTasks(history);
    }

    @Override
    public List<String> targets(ParsedEvent event) {
        if (event.isOf(ParsedEvent.DEAL)) {
            return List.of(event.aggregateId());
        }
        if (event.payload() instanceof CallLogged call && call.dealId() != null) {
            return List.of(call.dealId());
        }
        if (event.isOf(ParsedEvent.TASK)) {
            Optional<String> deal = event.payload() instanceof TaskCreated created
                    ? nextStepTasks.created(event.aggregateId(), created) : nextStepTasks.dealOf(event.aggregateId());
            return deal.map(List::of).orElse(List.of());
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
            return deal.withCalls(deal.calls().with(call, at));
        }
        if (event.isOf(ParsedEvent.TASK)) {
            if (event.payload() instanceof TaskCreated) {
                return deal.withNextStep(new DealCard.NextStep(event.aggregateId(), at));
            }
            if (event.payload() instanceof TaskCompleted || event.payload() instanceof TaskCancelled) {
                return deal.withoutNextStep(event.aggregateId());
            }
            return deal; // rescheduled or reassigned: still the deal's next step, nothing on the card changes
        }
        if (event.payload() instanceof DealOpened opened) {
            String stage = opened.stage() == null ? FIRST_STAGE : opened.stage();
            return new DealCard(deal.id(), opened.title(), opened.contactId(), opened.pipelineId(), stage,
                    opened.ownerId(), opened.source(), DealCard.value(opened.amount()),
                    DealCard.currency(opened.amount()), opened.expectedCloseDate(), StageKind.OPEN, null, null, 0,
                    null, List.of(new DealCard.StageVisit(stage, at, null)), at, at, deal.calls(), deal.nextSteps());
        }
        if (event.payload() instanceof DealStageMoved moved) {
            // Moves stored before custom pipelines name no pipeline: the deal stays in its own.
            String pipelineId = moved.pipelineId() == null ? deal.pipelineId() : moved.pipelineId();
            return deal.movedTo(pipelineId, moved.to(), moved.targetKind(), moved.lossReason(), moved.comment(),
                    Boolean.TRUE.equals(moved.regression()), at);
        }
        if (event.payload() instanceof DealReopened reopened) {
            String pipelineId = reopened.pipelineId() == null ? deal.pipelineId() : reopened.pipelineId();
            return deal.movedTo(pipelineId, reopened.to(), StageKind.OPEN, null, null, false, at);
        }
        if (event.payload() instanceof DealOwnerAssigned assigned) {
            return deal.withOwner(assigned.newOwnerId(), at);
        }
        if (event.payload() instanceof DealTitleChanged changed) {
            return deal.withTitle(changed.title(), at);
        }
        if (event.payload() instanceof DealAmountChanged changed) {
            return deal.withAmount(changed.amount(), at);
        }
        if (event.payload() instanceof DealExpectedCloseDateChanged changed) {
            return deal.withExpectedCloseDate(changed.expectedCloseDate(), at);
        }
        // A deal event the board shows nothing of still marks the deal as changed.
        return deal.touched(at);
    }
}
