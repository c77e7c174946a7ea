package dev.eventcrm.command.company;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.eventstore.AggregateCaching;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.company.CompanyArchived;
import dev.eventcrm.events.company.CompanyCreated;
import dev.eventcrm.events.company.CompanyEmailsChanged;
import dev.eventcrm.events.company.CompanyInnChanged;
import dev.eventcrm.events.company.CompanyLocationChanged;
import dev.eventcrm.events.company.CompanyOwnerAssigned;
import dev.eventcrm.events.company.CompanyPhonesChanged;
import dev.eventcrm.events.company.CompanyRenamed;
import dev.eventcrm.events.company.CompanyRestored;
import dev.eventcrm.events.company.CompanySourceChanged;
import dev.eventcrm.events.company.CompanyWebsiteChanged;
import dev.eventcrm.events.contact.PhoneNumber;
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

/** A company: an organisation contacts may belong to, found again by its INN, phone numbers and e-mails. */
@Aggregate(cache = AggregateCaching.COMPANY_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        snapshotFilter = AggregateCaching.COMPANY_SNAPSHOT_FILTER, filterEventsByType = true)
@Revision(AggregateCaching.COMPANY_REVISION)
public class Company {

    public static final String DUPLICATE = "duplicate-company";

    @AggregateIdentifier
    private String companyId;
    private boolean archived;
    private String name;
    private String inn;
    private List<PhoneNumber> phones;
    private List<String> emails;
    private String website;
    private String city;
    private String country;
    private String source;
    private String ownerId;

    protected Company() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * A company that repeats the INN, a phone number or an e-mail address of an existing one is refused unless the
     * command allows duplicates; the identities it is the first to give become its own.
     */
    @CommandHandler
    public Company(CreateCompany command, AggregateLookup lookup, CompanyIdentities identities, CompanyNames names) {
        Optional<String> existing = identities.claim(command.companyId(),
                identitiesOf(command.inn(), command.phones(), command.emails()));
        if (existing.isPresent() && !command.allowDuplicate()) {
            throw duplicateOf(existing.get());
        }
        lookup.register(command.companyId(), AggregateLookup.COMPANY);
        names.named(command.companyId(), command.name());
        apply(new CompanyCreated(command.companyId(), command.name(), command.inn(), command.phones(),
                command.emails(), command.website(), command.city(), command.country(), command.source(),
                command.ownerId()));
    }

    /** Returns the company's version after archiving. */
    @CommandHandler
    public long handle(ArchiveCompany command) {
        StaleVersion.require(companyId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("company-archived", "Company " + companyId + " is already archived");
        }
        apply(new CompanyArchived(companyId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Returns the company's version after restoring. */
    @CommandHandler
    public long handle(RestoreCompany command) {
        StaleVersion.require(companyId, command.expectedVersion());
        if (!archived) {
            throw new RuleViolation("company-not-archived", "Company " + companyId + " is not archived");
        }
        apply(new CompanyRestored(companyId));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Only what changed becomes an event, one per changed field (city and country together); an empty change
     * answers the current version. A new INN, phone number or e-mail is checked for duplicates as on creation.
     */
    @CommandHandler
    public long handle(ChangeCompanyDetails command, CompanyIdentities identities, CompanyNames names) {
        StaleVersion.require(companyId, command.expectedVersion());
        if (archived) {
            throw new RuleViolation("company-archived", "Company " + companyId + " is archived; restore it first");
        }
        String newInn = valueOr(command.inn(), inn);
        List<PhoneNumber> newPhones = command.phones() != null ? command.phones() : phones;
        List<String> newEmails = command.emails() != null ? command.emails() : emails;
        List<String> added = new ArrayList<>(identitiesOf(newInn, newPhones, newEmails));
        added.removeAll(identitiesOf(inn, phones, emails));
        Optional<String> holder = identities.claim(companyId, added).filter(other -> !other.equals(companyId));
        if (holder.isPresent() && !command.allowDuplicate()) {
            throw duplicateOf(holder.get());
        }
        if (command.name() != null && !command.name().equals(name)) {
            names.named(companyId, command.name());
            apply(new CompanyRenamed(companyId, name, command.name()));
        }
        if (!Objects.equals(newInn, inn)) {
            apply(new CompanyInnChanged(companyId, inn, newInn));
        }
        // the typed form counts too: correcting how a number is written is a change the user wants kept
        if (!newPhones.equals(phones)) {
            apply(new CompanyPhonesChanged(companyId, newPhones));
        }
        if (!newEmails.equals(emails)) {
            apply(new CompanyEmailsChanged(companyId, newEmails));
        }
        String newWebsite = valueOr(command.website(), website);
        if (!Objects.equals(newWebsite, website)) {
            apply(new CompanyWebsiteChanged(companyId, website, newWebsite));
        }
        String newCity = valueOr(command.city(), city);
        String newCountry = valueOr(command.country(), country);
        if (!Objects.equals(newCity, city) || !Objects.equals(newCountry, country)) {
            apply(new CompanyLocationChanged(companyId, newCity, newCountry));
        }
        String newSource = valueOr(command.source(), source);
        if (!Objects.equals(newSource, source)) {
            apply(new CompanySourceChanged(companyId, source, newSource));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Returns the company's version after the assignment. */
    @CommandHandler
    public long handle(AssignCompanyOwner command) {
        StaleVersion.require(companyId, command.expectedVersion());
        if (command.ownerId().equals(ownerId)) {
            throw new RuleViolation("owner-unchanged", "Company " + companyId + " is already owned by " + ownerId);
        }
        apply(new CompanyOwnerAssigned(companyId, ownerId, command.ownerId()));
        return AggregateLifecycle.getVersion();
    }

    private static String valueOr(ChangeCompanyDetails.Change change, String current) {
        return change == null ? current : change.value();
    }

    private static RuleViolation duplicateOf(String existingId) {
        return new RuleViolation(DUPLICATE, null, "Company " + existingId + " already has this INN or one of these "
                + "phone numbers or e-mail addresses; to save this one anyway, send ?allowDuplicate=true",
                Map.of("existingId", existingId));
    }

    /** {@code inn:7707083893}, {@code phone:+74951234567}, {@code email:info@example.com} (lower case). */
    static List<String> identitiesOf(String inn, List<PhoneNumber> phones, List<String> emails) {
        Set<String> identities = new LinkedHashSet<>();
        if (inn != null) {
            identities.add("inn:" + inn);
        }
        phones.stream().map(PhoneNumber::e164).forEach(e164 -> identities.add("phone:" + e164));
        emails.forEach(email -> identities.add("email:" + email.toLowerCase(Locale.ROOT)));
        return List.copyOf(identities);
    }

    @EventSourcingHandler
    void on(CompanyCreated event) {
        companyId = event.companyId();
        name = event.name();
        inn = event.inn();
        phones = event.phones();
        emails = event.emails();
        website = event.website();
        city = event.city();
        country = event.country();
        source = event.source();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(CompanyRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(CompanyInnChanged event) {
        inn = event.inn();
    }

    @EventSourcingHandler
    void on(CompanyPhonesChanged event) {
        phones = event.phones();
    }

    @EventSourcingHandler
    void on(CompanyEmailsChanged event) {
        emails = event.emails();
    }

    @EventSourcingHandler
    void on(CompanyWebsiteChanged event) {
        website = event.website();
    }

    @EventSourcingHandler
    void on(CompanyLocationChanged event) {
        city = event.city();
        country = event.country();
    }

    @EventSourcingHandler
    void on(CompanySourceChanged event) {
        source = event.source();
    }

    @EventSourcingHandler
    void on(CompanyOwnerAssigned event) {
        ownerId = event.newOwnerId();
    }

    @EventSourcingHandler
    void on(CompanyArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(CompanyRestored event) {
        archived = false;
    }
}
