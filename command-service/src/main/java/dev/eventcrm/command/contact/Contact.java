package dev.eventcrm.command.contact;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.deal.Deal;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.ContactAliases;
import dev.eventcrm.command.owner.Ownership;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCompanyChanged;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactLocationChanged;
import dev.eventcrm.events.contact.ContactMerged;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactPersonalDataChanged;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.contact.ContactTimeZoneChanged;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.command.eventstore.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCaching.CONTACT_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        snapshotFilter = AggregateCaching.CONTACT_SNAPSHOT_FILTER, filterEventsByType = true)
@Revision(AggregateCaching.CONTACT_REVISION)
public class Contact {

    public static final String DUPLICATE = "duplicate-contact";

    @AggregateIdentifier
    private String contactId;
    private boolean archived;
    private ContactPersonalData personal;
    private String city;
    private String country;
    private String source;
    private String timeZone;
    private String ownerId;
    private String mergedInto;
    private String companyId;

    protected Contact() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * A contact that repeats a phone number or e-mail address of an existing one is refused unless the command
     * allows duplicates; the identities it is the first to give become its own.
     */
    @CommandHandler
    public Contact(CreateContact command, AggregateLookup lookup, ContactIdentities identities,
                   Ownership ownership) {
        requireCompany(command.companyId(), lookup);
        Optional<String> existing = identities.claim(command.contactId(), identitiesOf(command.personal()));
        if (existing.isPresent() && !command.allowDuplicate()) {
            throw duplicateOf(existing.get());
        }
        lookup.register(command.contactId(), AggregateLookup.CONTACT);
        ownership.owned(command.contactId(), AggregateLookup.CONTACT, command.ownerId(), true);
        apply(new ContactCreated(command.contactId(), command.personal(), command.city(), command.country(),
                command.source(), command.ownerId(), command.timeZone(), command.companyId()));
    }

    /** Returns the contact's version after archiving. */
    @CommandHandler
    public long handle(ArchiveContact command, Ownership ownership) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("contact-archived", "Contact " + contactId + " is already archived");
        }
        ownership.activated(contactId, false);
        apply(new ContactArchived(contactId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Returns the contact's version after restoring. */
    @CommandHandler
    public long handle(RestoreContact command, Ownership ownership) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (!archived) {
            throw new RuleViolation("contact-not-archived", "Contact " + contactId + " is not archived");
        }
        ownership.activated(contactId, true);
        apply(new ContactRestored(contactId));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Only what changed becomes an event; an empty change answers the current version. New phone numbers and
     * e-mail addresses are checked for duplicates as on creation.
     */
    @CommandHandler
    public long handle(ChangeContactDetails command, ContactIdentities identities, AggregateLookup lookup) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("contact-archived", "Contact " + contactId + " is archived; restore it first");
        }
        ContactPersonalData changed = new ContactPersonalData(
                command.name() != null ? command.name() : personal.name(),
                command.phones() != null ? command.phones().stream().map(PhoneNumber::typed).toList()
                        : personal.phones(),
                command.emails() != null ? command.emails() : personal.emails(),
                command.phones() != null ? command.phones() : personal.phoneNumbers());
        List<String> fields = new ArrayList<>();
        if (!changed.name().equals(personal.name())) {
            fields.add("name");
        }
        if (!changed.numbers().equals(personal.numbers())) {
            fields.add("phones");
        }
        if (!changed.emails().equals(personal.emails())) {
            fields.add("emails");
        }
        if (!fields.isEmpty()) {
            List<String> added = new ArrayList<>(identitiesOf(changed));
            added.removeAll(identitiesOf(personal));
            Optional<String> holder = identities.claim(contactId, added).filter(other -> !other.equals(contactId));
            if (holder.isPresent() && !command.allowDuplicate()) {
                throw duplicateOf(holder.get());
            }
            apply(new ContactPersonalDataChanged(contactId, changed, List.copyOf(fields)));
        }
        String newCity = valueOr(command.city(), city);
        String newCountry = valueOr(command.country(), country);
        if (!Objects.equals(newCity, city) || !Objects.equals(newCountry, country)) {
            apply(new ContactLocationChanged(contactId, newCity, newCountry));
        }
        String newSource = valueOr(command.source(), source);
        if (!Objects.equals(newSource, source)) {
            apply(new ContactSourceChanged(contactId, source, newSource));
        }
        String newTimeZone = valueOr(command.timeZone(), timeZone);
        if (!Objects.equals(newTimeZone, timeZone)) {
            apply(new ContactTimeZoneChanged(contactId, timeZone, newTimeZone));
        }
        String newCompanyId = valueOr(command.companyId(), companyId);
        if (!Objects.equals(newCompanyId, companyId)) {
            requireCompany(newCompanyId, lookup);
            apply(new ContactCompanyChanged(contactId, companyId, newCompanyId));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * Merges a duplicate into this contact: the duplicate records that it was merged (its history stays its own),
     * its id resolves to this contact from then on, and this contact takes its phones and e-mails.
     */
    @CommandHandler
    public long handle(MergeContact command, Contacts contacts, ContactAliases aliases, AggregateLookup lookup,
                       Ownership ownership) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("contact-archived", "Contact " + contactId + " is archived; restore it first");
        }
        if (command.duplicateId().equals(contactId)) {
            throw new RuleViolation("merge-into-itself", "duplicateId", "is this contact's own id");
        }
        if (!lookup.exists(command.duplicateId(), AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "duplicateId", "no contact with id " + command.duplicateId());
        }
        ContactPersonalData theirs = contacts.load(command.duplicateId())
                .invoke(duplicate -> duplicate.mergeInto(contactId));
        aliases.merged(command.duplicateId(), contactId);
        ownership.released(command.duplicateId());
        apply(new ContactMerged(contactId, command.duplicateId(), union(personal, theirs)));
        return AggregateLifecycle.getVersion();
    }

    /** On the duplicate of a merge: returns its personal data for the survivor. */
    private ContactPersonalData mergeInto(String survivorId) {
        if (mergedInto != null) {
            throw new RuleViolation("contact-merged", "Contact " + contactId + " was already merged into "
                    + mergedInto);
        }
        apply(new ContactMergedInto(contactId, survivorId));
        return personal;
    }

    /** This contact's name, and the phones and e-mails of both, this contact's first, each number once. */
    private static ContactPersonalData union(ContactPersonalData ours, ContactPersonalData theirs) {
        List<PhoneNumber> numbers = new ArrayList<>(ours.numbers());
        Set<String> known = new LinkedHashSet<>();
        ours.numbers().forEach(number -> known.add(number.e164() != null ? number.e164() : number.typed()));
        for (PhoneNumber number : theirs.numbers()) {
            if (known.add(number.e164() != null ? number.e164() : number.typed())) {
                numbers.add(number);
            }
        }
        Set<String> emails = new LinkedHashSet<>(ours.emails());
        Set<String> lowerCase = new LinkedHashSet<>();
        ours.emails().forEach(email -> lowerCase.add(email.toLowerCase(Locale.ROOT)));
        theirs.emails().stream().filter(email -> lowerCase.add(email.toLowerCase(Locale.ROOT))).forEach(emails::add);
        return new ContactPersonalData(ours.name(), numbers.stream().map(PhoneNumber::typed).toList(),
                List.copyOf(emails), numbers);
    }

    /** Returns the contact's version after the assignment. */
    @CommandHandler
    public long handle(AssignContactOwner command, Ownership ownership) {
        StaleVersion.require(contactId, command.expectedVersion());
        if (command.fromOwnerId() != null && !command.fromOwnerId().equals(ownerId)) {
            throw new RuleViolation(Deal.OWNER_CHANGED, "Contact " + contactId + " is owned by " + ownerId
                    + ", not " + command.fromOwnerId());
        }
        if (command.ownerId().equals(ownerId)) {
            throw new RuleViolation("owner-unchanged", "Contact " + contactId + " is already owned by " + ownerId);
        }
        ownership.reassigned(contactId, command.ownerId());
        apply(new ContactOwnerAssigned(contactId, ownerId, command.ownerId()));
        return AggregateLifecycle.getVersion();
    }

    Contacts.Reachability reachability() {
        return new Contacts.Reachability(ownerId, timeZone, archived);
    }

    /** A contact may name only a company that exists (archived ones too: archiving hides, it does not delete). */
    private static void requireCompany(String companyId, AggregateLookup lookup) {
        if (companyId != null && !lookup.exists(companyId, AggregateLookup.COMPANY)) {
            throw new RuleViolation("unknown-company", "companyId", "no company with id " + companyId);
        }
    }

    private static String valueOr(ChangeContactDetails.Change change, String current) {
        return change == null ? current : change.value();
    }

    private static RuleViolation duplicateOf(String existingId) {
        return new RuleViolation(DUPLICATE, null, "Contact " + existingId + " already has one of these phone "
                + "numbers or e-mail addresses; to save this one anyway, send ?allowDuplicate=true",
                Map.of("existingId", existingId));
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
        personal = event.personal() != null ? event.personal()
                : new ContactPersonalData("", List.of(), List.of(), List.of());
        city = event.city();
        country = event.country();
        source = event.source();
        timeZone = event.timeZone();
        ownerId = event.ownerId();
        companyId = event.companyId();
    }

    @EventSourcingHandler
    void on(ContactCompanyChanged event) {
        companyId = event.companyId();
    }

    @EventSourcingHandler
    void on(ContactPersonalDataChanged event) {
        personal = event.personal();
    }

    @EventSourcingHandler
    void on(ContactMerged event) {
        personal = event.personal();
    }

    @EventSourcingHandler
    void on(ContactMergedInto event) {
        mergedInto = event.survivorId();
    }

    @EventSourcingHandler
    void on(ContactLocationChanged event) {
        city = event.city();
        country = event.country();
    }

    @EventSourcingHandler
    void on(ContactSourceChanged event) {
        source = event.source();
    }

    @EventSourcingHandler
    void on(ContactTimeZoneChanged event) {
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(ContactOwnerAssigned event) {
        ownerId = event.newOwnerId();
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
