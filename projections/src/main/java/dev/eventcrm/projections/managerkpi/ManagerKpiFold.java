package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The manager KPIs' fold: one document per call, meeting, e-mail, task or deal, each changed only by its own
 * aggregate's events, so the {@link dev.eventcrm.projections.fold.FoldEngine}'s per-aggregate sequence guard alone
 * makes redelivery and replay count nothing twice.
 */
public final class ManagerKpiFold implements Fold<ManagerKpiFacts> {
    static final String ACTOR = "actorId";
    private static final Set<String> AGGREGATES = Set.of(ParsedEvent.CALL, ParsedEvent.MEETING, ParsedEvent.EMAIL,
            ParsedEvent.TASK, ParsedEvent.DEAL);

    @Override
    public List<String> targets(ParsedEvent event) {
        return AGGREGATES.contains(event.aggregateType()) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public ManagerKpiFacts empty(String documentId) {
        return ManagerKpiFacts.empty(documentId);
    }

    @Override
    public ManagerKpiFacts apply(ManagerKpiFacts state, ParsedEvent event) {
        String actor = event.metadata().get(ACTOR);
        Record payload = event.payload();
        // Activities count when they happened (a call logged late counts on its day), for whoever performed them.
        if (payload instanceof CallLogged call) {
            return state.about(call.contactId(), call.dealId()).with(new KpiFact(KpiFactType.CALL, actor,
                    at(call.occurredAt(), event), call.direction() == CallDirection.OUTBOUND,
                    call.outcome() == CallOutcome.CONNECTED, call.durationSeconds()));
        }
        if (payload instanceof MeetingLogged meeting) {
            return state.about(meeting.contactId(), meeting.dealId())
                    .with(KpiFact.of(KpiFactType.MEETING, actor, at(meeting.occurredAt(), event)));
        }
        if (payload instanceof EmailLogged email) {
            return state.about(email.contactId(), email.dealId())
                    .with(KpiFact.of(KpiFactType.EMAIL, actor, at(email.occurredAt(), event)));
        }
        if (payload instanceof TaskCreated created) {
            return state.withManager(created.assigneeId());
        }
        if (payload instanceof TaskReassigned reassigned) {
            return state.withManager(reassigned.assigneeId());
        }
        if (payload instanceof TaskCompleted) {
            // The assignee's, not the actor's: automation completes tasks too (a paid invoice, a new next step).
            return state.with(KpiFact.of(KpiFactType.TASK_COMPLETED, state.managerId(), event.occurredAt()));
        }
        if (payload instanceof DealOpened opened) {
            return new ManagerKpiFacts(state.id(), opened.ownerId(), opened.contactId(), null,
                    value(opened.amount()), currency(opened.amount()),
                    List.of(KpiFact.of(KpiFactType.DEAL_OPENED, opened.ownerId(), event.occurredAt())));
        }
        if (payload instanceof DealOwnerAssigned assigned) {
            return state.withManager(assigned.newOwnerId());
        }
        if (payload instanceof DealAmountChanged changed) {
            return state.withAmount(value(changed.amount()), currency(changed.amount()));
        }
        if (payload instanceof DealStageMoved moved) {
            return outcome(state.withoutOutcome(), moved.targetKind(), event.occurredAt());
        }
        if (payload instanceof DealReopened) {
            return state.withoutOutcome();
        }
        return state;
    }

    private static ManagerKpiFacts outcome(ManagerKpiFacts deal, StageKind kind, Instant at) {
        return switch (kind) {
            case WON -> deal.with(KpiFact.of(KpiFactType.DEAL_WON, deal.managerId(), at));
            case LOST -> deal.with(KpiFact.of(KpiFactType.DEAL_LOST, deal.managerId(), at));
            case OPEN -> deal;
        };
    }

    /** The activity's own time; the event's for one recorded without it. */
    private static Instant at(Instant occurredAt, ParsedEvent event) {
        return occurredAt != null ? occurredAt : event.occurredAt();
    }

    private static String value(Money amount) {
        return amount == null || amount.value() == null ? null : amount.value().toPlainString();
    }

    private static String currency(Money amount) {
        return amount == null ? null : amount.currency();
    }
}
