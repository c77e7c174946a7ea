package dev.eventcrm.command.activity;

import dev.eventcrm.command.call.CallTime;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.activity.EmailLogged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An e-mail sent to or received from a contact, as logged by a manager (its body stays in the mail system). */
@Aggregate
public class Email {

    @AggregateIdentifier
    private String emailId;

    protected Email() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Email(LogEmail command, AggregateLookup lookup, CallTime time) {
        ActivityRules.requireNotInTheFuture(time, command.occurredAt(), "email-in-the-future");
        ActivityRules.requireReferences(lookup, command.contactId(), command.dealId());
        lookup.register(command.emailId(), AggregateLookup.EMAIL);
        apply(new EmailLogged(command.emailId(), command.contactId(), command.dealId(), command.direction(),
                command.subject(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(EmailLogged event) {
        emailId = event.emailId();
    }
}
