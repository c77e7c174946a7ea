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
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The manager KPIs' fold: one document per call, meeting, e-mail, task or deal, with that aggregate's facts, and
 * what a deal's first response is found from: a deal's document also keeps the calls, meetings and e-mails about it
 * ({@link ManagerKpiFacts#touches}), and one responses document per contact ({@link #RESPONSES}) keeps the contact's
 * deals as opened and the calls, meetings and e-mails about the contact. Those are the creation events of the
 * activities and deals, each applied once per document by the
 * {@link dev.eventcrm.projections.fold.FoldEngine}'s per-aggregate sequence guard, which also makes redelivery and
 * replay count nothing twice.
 */
public final class ManagerKpiFold implements Fold<ManagerKpiFacts> {
    static final String ACTOR = "actorId";
    /** The id prefix of a contact's responses document (aggregate ids are UUIDs: none starts with it). */
    public static final String RESPONSES = "resp:";
    private static final Set<String> AGGREGATES = Set.of(ParsedEvent.CALL, ParsedEvent.MEETING, ParsedEvent.EMAIL,
            ParsedEvent.TASK, ParsedEvent.DEAL);

    @Override
    public List<String> targets(ParsedEvent event) {
        if (!AGGREGATES.contains(event.aggregateType())) {
            return List.of();
        }
        List<String> targets = new ArrayList<>(3);
        targets.add(event.aggregateId());
        String contactId = event.payload() instanceof DealOpened opened ? opened.contactId() : null;
        Activity activity = Activity.of(event);
        if (activity != null) {
            contactId = activity.contactId();
            if (activity.dealId() != null) {
                targets.add(activity.dealId());
            }
        }
        if (contactId != null) {
            targets.add(RESPONSES + contactId);
        }
        return targets;
    }

    /** A call, meeting or e-mail: the contact and deal it is about, and when it happened. */
    private record Activity(String contactId, String dealId, Instant at) {

        /** Null for any other event. */
        static Activity of(ParsedEvent event) {
            Record payload = event.payload();
            if (payload instanceof CallLogged call) {
                return new Activity(call.contactId(), call.dealId(), ManagerKpiFold.at(call.occurredAt(), event));
            }
            if (payload instanceof MeetingLogged meeting) {
                return new Activity(meeting.contactId(), meeting.dealId(),
                        ManagerKpiFold.at(meeting.occurredAt(), event));
            }
            if (payload instanceof EmailLogged email) {
                return new Activity(email.contactId(), email.dealId(), ManagerKpiFold.at(email.occurredAt(), event));
            }
            return null;
        }
    }

    @Override
    public ManagerKpiFacts empty(String documentId) {
        return ManagerKpiFacts.empty(documentId);
    }

    @Override
    public ManagerKpiFacts apply(ManagerKpiFacts state, ParsedEvent event) {
        if (!state.id().equals(event.aggregateId())) {
            return reached(state, event);
        }
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
            return state.withManager(created.assigneeId()).due(created.dueAt());
        }
        if (payload instanceof TaskReassigned reassigned) {
            return state.withManager(reassigned.assigneeId());
        }
        if (payload instanceof TaskRescheduled rescheduled) {
            return state.due(rescheduled.dueAt());
        }
        if (payload instanceof TaskCompleted) {
            // The assignee's, not the actor's: automation completes tasks too (a paid invoice, a new next step).
            return state.with(KpiFact.of(KpiFactType.TASK_COMPLETED, state.managerId(), event.occurredAt())).close();
        }
        if (payload instanceof TaskCancelled) {
            return state.close();
        }
        if (payload instanceof DealOpened opened) {
            return state.opened(opened.ownerId(), opened.contactId(), value(opened.amount()),
                    currency(opened.amount()), KpiFact.of(KpiFactType.DEAL_OPENED, opened.ownerId(),
                            event.occurredAt()));
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

    /** A contact's responses document, or a deal's, reached by a deal's opening or by an activity about it. */
    private static ManagerKpiFacts reached(ManagerKpiFacts state, ParsedEvent event) {
        if (event.payload() instanceof DealOpened opened) {
            return state.withOpening(new ManagerKpiFacts.Opening(event.aggregateId(), event.occurredAt(),
                    opened.ownerId()));
        }
        Activity activity = Activity.of(event);
        return activity == null ? state : state.touched(new ManagerKpiFacts.Touch(activity.at(), activity.contactId()));
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
