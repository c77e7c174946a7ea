package dev.eventcrm.projections.contact;

import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.events.call.CallLogged;
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
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;
import java.util.Optional;

/** The contact card's fold: the contact's own events, and the calls with the contact. */
public final class ContactCardFold implements Fold<ContactCard> {

    @Override
    public List<String> targets(ParsedEvent event) {
        if (event.isOf(ParsedEvent.CONTACT)) {
            return List.of(event.aggregateId());
        }
        if (event.payload() instanceof CallLogged call && call.contactId() != null) {
            return List.of(call.contactId());
        }
        return List.of();
    }

    @Override
    public ContactCard empty(String documentId) {
        return ContactCard.empty(documentId);
    }

    @Override
    public ContactCard apply(ContactCard contact, ParsedEvent event) {
        if (event.payload() instanceof CallLogged call) {
            return contact.withCalls(contact.calls().with(call, event.occurredAt()));
        }
        if (event.payload() instanceof ContactCreated created) {
            ContactPersonalData personal = created.personal();
            List<PhoneNumber> phones = personal == null ? List.of() : personal.numbers();
            return new ContactCard(contact.id(), personal == null ? null : personal.name(), phones,
                    personal == null ? List.of() : personal.emails(), created.city(), created.country(),
                    created.source(), created.ownerId(), timeZone(created.timeZone(), phones), created.timeZone(),
                    contact.archived(), created.companyId(), event.occurredAt(), contact.calls(),
                    contact.mergedInto());
        }
        if (event.payload() instanceof ContactArchived) {
            return contact.withArchived(true);
        }
        if (event.payload() instanceof ContactRestored) {
            return contact.withArchived(false);
        }
        if (event.payload() instanceof ContactCompanyChanged changed) {
            return contact.withCompany(changed.companyId());
        }
        if (event.payload() instanceof ContactMergedInto merged) {
            return new ContactCard(contact.id(), contact.name(), contact.phones(), contact.emails(), contact.city(),
                    contact.country(), contact.source(), contact.ownerId(), contact.timeZone(),
                    contact.givenTimeZone(), contact.archived(), contact.companyId(), contact.createdAt(),
                    contact.calls(), merged.survivorId());
        }
        if (event.payload() instanceof ContactPersonalDataChanged changed) {
            return withPersonal(contact, changed.personal());
        }
        if (event.payload() instanceof ContactMerged merged) {
            return withPersonal(contact, merged.personal());
        }
        if (event.payload() instanceof ContactLocationChanged moved) {
            return new ContactCard(contact.id(), contact.name(), contact.phones(), contact.emails(), moved.city(),
                    moved.country(), contact.source(), contact.ownerId(), contact.timeZone(),
                    contact.givenTimeZone(), contact.archived(), contact.companyId(), contact.createdAt(),
                    contact.calls(), contact.mergedInto());
        }
        if (event.payload() instanceof ContactSourceChanged changed) {
            return new ContactCard(contact.id(), contact.name(), contact.phones(), contact.emails(), contact.city(),
                    contact.country(), changed.source(), contact.ownerId(), contact.timeZone(),
                    contact.givenTimeZone(), contact.archived(), contact.companyId(), contact.createdAt(),
                    contact.calls(), contact.mergedInto());
        }
        if (event.payload() instanceof ContactTimeZoneChanged changed) {
            return new ContactCard(contact.id(), contact.name(), contact.phones(), contact.emails(), contact.city(),
                    contact.country(), contact.source(), contact.ownerId(),
                    timeZone(changed.timeZone(), contact.phones()), changed.timeZone(), contact.archived(),
                    contact.companyId(), contact.createdAt(), contact.calls(), contact.mergedInto());
        }
        if (event.payload() instanceof ContactOwnerAssigned assigned) {
            return new ContactCard(contact.id(), contact.name(), contact.phones(), contact.emails(), contact.city(),
                    contact.country(), contact.source(), assigned.newOwnerId(), contact.timeZone(),
                    contact.givenTimeZone(), contact.archived(), contact.companyId(), contact.createdAt(),
                    contact.calls(), contact.mergedInto());
        }
        // A contact event the card shows nothing of yet.
        return contact;
    }

    /** New personal data; a time zone that came from the phones follows the new phones. */
    private static ContactCard withPersonal(ContactCard contact, ContactPersonalData personal) {
        List<PhoneNumber> phones = personal.numbers();
        return new ContactCard(contact.id(), personal.name(), phones, personal.emails(), contact.city(),
                contact.country(), contact.source(), contact.ownerId(), timeZone(contact.givenTimeZone(), phones),
                contact.givenTimeZone(), contact.archived(), contact.companyId(), contact.createdAt(), contact.calls(),
                contact.mergedInto());
    }

    /** The zone given, else the first one a phone number's area has (libphonenumber's time-zone mapper). */
    private static String timeZone(String given, List<PhoneNumber> phones) {
        if (given != null) {
            return given;
        }
        return phones.stream().map(phone -> PhoneNumbers.timeZone(phone.e164())).flatMap(Optional::stream)
                .findFirst().orElse(null);
    }
}
