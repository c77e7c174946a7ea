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
import dev.eventcrm.projections.managerkpi.Responses.Touch;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The manager KPIs' fold: one document per call, meeting, e-mail, task or deal, each changed only by its own
 * aggregate's events, so the {@link dev.eventcrm.projections.fold.FoldEngine}'s per-aggregate sequence guard alone
 * makes redelivery and replay count nothing twice.
 *
 * <p>First responses join a deal's opening with activities of other aggregates, so they get documents of their own
 * ({@link Responses}), one per contact: a deal's events go to its contact's (only its opening changes it), a call,
 * meeting or e-mail to its own contact's and, when it names a deal, to that deal's contact's ({@link DealContacts}:
 * an activity may name a deal of another contact), so the sequence guard and gap healing cover them too.
 */
public final class ManagerKpiFold implements Fold<ManagerKpiFacts> {
    static final String ACTOR = "actorId";
    private static final Set<String> AGGREGATES = Set.of(ParsedEvent.CALL, ParsedEvent.MEETING, ParsedEvent.EMAIL,
            ParsedEvent.TASK, ParsedEvent.DEAL);

    /** Deal -> the contact it was opened with. */
    private final Function<String, Optional<String>> dealContacts;

    ManagerKpiFold(Function<String, Optional<String>> dealContacts) {
        this.dealContacts = dealContacts;
    }

    @Override
    public List<String> targets(ParsedEvent event) {
        if (!AGGREGATES.contains(event.aggregateType())) {
            return List.of();
        }
        Set<String> targets = new LinkedHashSet<>();
        targets.add(event.aggregateId());
        if (event.payload() instanceof DealOpened opened) {
            targets.add(Responses.documentId(opened.contactId(), opened.dealId()));
        }
        Touch touch = touch(event);
        if (touch != null && touch.contactId() != null) {
            targets.add(Responses.documentId(touch.contactId(), null));
        }
        String deal = dealOf(event);
        if (deal != null) {
            targets.add(Responses.documentId(dealContacts.apply(deal).orElse(null), deal));
        }
        return List.copyOf(targets);
    }

    /**
     * The deal whose contact's responses document the event goes to: a call's, meeting's or e-mail's deal, or the
     * deal of a deal's event. Every event of a deal goes there, not only its opening, so that an opening lost in
     * delivery is healed from the event history when the deal's next event comes, as for any document.
     */
    static String dealOf(ParsedEvent event) {
        if (event.isOf(ParsedEvent.DEAL)) {
            return event.aggregateId();
        }
        Touch touch = touch(event);
        return touch == null ? null : touch.dealId();
    }

    /** A call, meeting or e-mail as a first response; null for other events. */
    private static Touch touch(ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof CallLogged call) {
            return new Touch(at(call.occurredAt(), event), call.contactId(), call.dealId());
        }
        if (payload instanceof MeetingLogged meeting) {
            return new Touch(at(meeting.occurredAt(), event), meeting.contactId(), meeting.dealId());
        }
        if (payload instanceof EmailLogged email) {
            return new Touch(at(email.occurredAt(), event), email.contactId(), email.dealId());
        }
        return null;
    }

    @Override
    public ManagerKpiFacts empty(String documentId) {
        return ManagerKpiFacts.empty(documentId);
    }

    @Override
    public ManagerKpiFacts apply(ManagerKpiFacts state, ParsedEvent event) {
        if (Responses.isResponses(state.id())) {
            return responses(state, event);
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
                    List.of(KpiFact.of(KpiFactType.DEAL_OPENED, opened.ownerId(), event.occurredAt())), List.of(),
                    Responses.NONE);
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

    private static ManagerKpiFacts responses(ManagerKpiFacts state, ParsedEvent event) {
        Responses responses = state.responses();
        if (event.payload() instanceof DealOpened opened) {
            return state.withResponses(responses.with(new Responses.Opening(opened.dealId(), opened.contactId(),
                    opened.ownerId(), event.occurredAt())));
        }
        Touch touch = touch(event);
        return touch == null ? state : state.withResponses(responses.with(touch));
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
