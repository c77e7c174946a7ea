package dev.eventcrm.command.activity;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.activity.NoteAdded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A free-text note on a contact; written now, so its business time is the event's own. */
@Aggregate
public class Note {

    @AggregateIdentifier
    private String noteId;

    protected Note() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Note(AddNote command, AggregateLookup lookup) {
        ActivityRules.requireReferences(lookup, command.contactId(), command.dealId());
        lookup.register(command.noteId(), AggregateLookup.NOTE);
        apply(new NoteAdded(command.noteId(), command.contactId(), command.dealId(), command.text()));
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        noteId = event.noteId();
    }
}
