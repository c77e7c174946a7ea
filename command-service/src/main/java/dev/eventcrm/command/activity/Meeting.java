package dev.eventcrm.command.activity;

import dev.eventcrm.command.call.CallTime;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.activity.MeetingLogged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A meeting held with a contact: the minimal record of date, contact, subject and result. */
@Aggregate
public class Meeting {

    @AggregateIdentifier
    private String meetingId;

    protected Meeting() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Meeting(LogMeeting command, AggregateLookup lookup, CallTime time) {
        ActivityRules.requireNotInTheFuture(time, command.occurredAt(), "meeting-in-the-future");
        ActivityRules.requireReferences(lookup, command.contactId(), command.dealId());
        lookup.register(command.meetingId(), AggregateLookup.MEETING);
        apply(new MeetingLogged(command.meetingId(), command.contactId(), command.dealId(), command.occurredAt(),
                command.subject(), command.result()));
    }

    @EventSourcingHandler
    void on(MeetingLogged event) {
        meetingId = event.meetingId();
    }
}
