package dev.eventcrm.command.call;

import dev.eventcrm.command.RuleViolation;
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
    public Call(LogCall command) {
        if (command.durationSeconds() < 0) {
            throw new RuleViolation("negative-duration", "durationSeconds", "must not be negative");
        }
        apply(new CallLogged(command.callId(), command.contactId(), command.dealId(), command.direction(),
                command.outcome(), command.durationSeconds(), command.notes(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(CallLogged event) {
        callId = event.callId();
    }
}
