package dev.eventcrm.command.contact;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.command.eventstore.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCaching.CONTACT_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        filterEventsByType = true)
public class Contact {

    public static final String DUPLICATE = "duplicate-contact";

    @AggregateIdentifier
    private String contactId;
    private boolean archived;

    protected Contact() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * A contact that repeats a phone number or e-mail address of an existing one is refused unless the command
     * allows duplicates; the identities it is the first to give become its own.
     */
    @CommandHandler
    public Contact(CreateContact command, AggregateLookup lookup, ContactIdentities identities) {
        Optional<String> existing = identities.claim(command.contactId(), identitiesOf(command.personal()));
        if (existing.isPresent() && !command.allowDuplicate()) {
            throw new RuleViolation(DUPLICATE, null, "Contact " + existing.get() + " already has one of these phone "
                    + "numbers or e-mail addresses; to create this one anyway, send ?allowDuplicate=true",
                    Map.of("existingId", existing.get()));
        }
        lookup.register(command.contactId(), AggregateLookup.CONTACT);
        apply(new ContactCreated(command.contactId(), command.personal(), command.city(), command.country(),
                command.source(), command.ownerId(), command.timeZone()));
    }

    /** Returns the contact's version after archiving. */
    @CommandHandler
    public long handle(ArchiveContact command) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("contact-archived", "Contact " + contactId + " is already archived");
        }
        apply(new ContactArchived(contactId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Returns the contact's version after restoring. */
    @CommandHandler
    public long handle(RestoreContact command) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (!archived) {
            throw new RuleViolation("contact-not-archived", "Contact " + contactId + " is not archived");
        }
        apply(new ContactRestored(contactId));
        return AggregateLifecycle.getVersion();
    }


    /** {@code phone:+79123456789}, {@code email:anna@example.com}: what makes two contacts the same person. */
    public static List<String> identitiesOf(ContactPersonalData personal) {
        Set<String> identities = new LinkedHashSet<>();
        personal.phoneNumbers().stream().map(PhoneNumber::e164).filter(Objects::nonNull)
                .forEach(e164 -> identities.add("phone:" + e164));
        personal.emails().forEach(email -> identities.add("email:" + email.toLowerCase(Locale.ROOT)));
        return List.copyOf(identities);
    }

    @EventSourcingHandler
    void on(ContactCreated event) {
        contactId = event.contactId();
    }

    @EventSourcingHandler
    void on(ContactArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ContactRestored event) {
        archived = false;
    }
}
