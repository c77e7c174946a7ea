package dev.eventcrm.command.call;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.call.CallLogged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class Call {

    @AggregateIdentifier
    private String callId;

    protected Call() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Call(LogCall command, AggregateLookup lookup, CallTime time) {
        if (command.durationSeconds() < 0) {
            throw new RuleViolation("negative-duration", "durationSeconds", "must not be negative");
        }
        if (time.isInTheFuture(command.occurredAt())) {
            throw new RuleViolation("call-in-the-future", "occurredAt", "must not be in the future");
        }
        if (!lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "contactId", "no contact with id " + command.contactId());
        }
        if (command.dealId() != null && !lookup.exists(command.dealId(), AggregateLookup.DEAL)) {
            throw new RuleViolation("unknown-deal", "dealId", "no deal with id " + command.dealId());
        }
        lookup.register(command.callId(), AggregateLookup.CALL);
        apply(new CallLogged(command.callId(), command.contactId(), command.dealId(), command.direction(),
                command.outcome(), command.durationSeconds(), command.notes(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(CallLogged event) {
        callId = event.callId();
    }
}
