package dev.eventcrm.projections.customervalue;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.activity.NoteAdded;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.List;

/**
 * The customer facts' fold: a deal's or an activity's own events only. A won deal that is reopened (or moved back to
 * an OPEN stage) is no longer won, so a deal won twice counts once, on its last win.
 */
public final class CustomerFactsFold implements Fold<CustomerFact> {

    @Override
    public List<String> targets(ParsedEvent event) {
        boolean relevant = event.isOf(ParsedEvent.DEAL) || event.payload() instanceof CallLogged
                || event.payload() instanceof MeetingLogged || event.payload() instanceof EmailLogged
                || event.payload() instanceof NoteAdded;
        return relevant ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public CustomerFact empty(String documentId) {
        return CustomerFact.empty(documentId);
    }

    @Override
    public CustomerFact apply(CustomerFact fact, ParsedEvent event) {
        Object payload = event.payload();
        if (payload instanceof DealOpened opened) {
            Money amount = opened.amount();
            return new CustomerFact(fact.id(), CustomerFact.Kind.DEAL, opened.contactId(), StageKind.OPEN,
                    value(amount), amount == null ? null : amount.currency(), event.occurredAt(), null);
        }
        if (payload instanceof DealStageMoved moved) {
            return fact.withStatus(moved.targetKind(), event.occurredAt());
        }
        if (payload instanceof DealReopened) {
            return fact.withStatus(StageKind.OPEN, event.occurredAt());
        }
        if (payload instanceof DealAmountChanged changed) {
            return fact.withAmount(value(changed.amount()), changed.amount() == null ? null
                    : changed.amount().currency());
        }
        if (payload instanceof CallLogged call) {
            return activity(fact, call.contactId(), call.occurredAt(), event);
        }
        if (payload instanceof MeetingLogged meeting) {
            return activity(fact, meeting.contactId(), meeting.occurredAt(), event);
        }
        if (payload instanceof EmailLogged email) {
            return activity(fact, email.contactId(), email.occurredAt(), event);
        }
        if (payload instanceof NoteAdded note) {
            // a note has no business time of its own: it happened when it was written
            return activity(fact, note.contactId(), null, event);
        }
        return fact;
    }

    private static CustomerFact activity(CustomerFact fact, String contactId, Instant occurredAt, ParsedEvent event) {
        return new CustomerFact(fact.id(), CustomerFact.Kind.ACTIVITY, contactId, null, null, null,
                occurredAt == null ? event.occurredAt() : occurredAt, null);
    }

    private static String value(Money amount) {
        return amount == null || amount.value() == null ? null : amount.value().toPlainString();
    }
}
