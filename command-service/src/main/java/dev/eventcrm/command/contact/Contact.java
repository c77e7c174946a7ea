package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.command.eventstore.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCaching.CONTACT_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        filterEventsByType = true)
public class Contact {

    @AggregateIdentifier
    private String contactId;

    protected Contact() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Contact(CreateContact command, AggregateLookup lookup) {
        lookup.register(command.contactId(), AggregateLookup.CONTACT);
        apply(new ContactCreated(command.contactId(), command.personal(), command.city(), command.country(),
                command.source(), command.ownerId(), command.timeZone()));
    }

    @EventSourcingHandler
    void on(ContactCreated event) {
        contactId = event.contactId();
    }
}
