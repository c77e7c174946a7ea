package dev.eventcrm.projections.contact;

import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.projections.fold.CallTally;

import java.time.Instant;
import java.util.List;

/**
 * One contact's card; {@code createdAt == null} until the contact's creation is applied (a call can come first).
 *
 * @param timeZone  the IANA zone given for the contact, else the one its first phone number's area has, else null
 * @param companyId the company the contact belongs to, null for none
 */
public record ContactCard(
        String id,
        String name,
        List<PhoneNumber> phones,
        List<String> emails,
        String city,
        String country,
        String source,
        String ownerId,
        String timeZone,
        String givenTimeZone,
        boolean archived,
        String companyId,
        Instant createdAt,
        CallTally calls,
        String mergedInto) {

    public ContactCard {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    static ContactCard empty(String id) {
        return new ContactCard(id, null, List.of(), List.of(), null, null, null, null, null, null, false, null, null,
                CallTally.NONE, null);
    }

    ContactCard withCalls(CallTally tally) {
        return new ContactCard(id, name, phones, emails, city, country, source, ownerId, timeZone, givenTimeZone,
                archived, companyId, createdAt, tally, mergedInto);
    }

    ContactCard withArchived(boolean archived) {
        return new ContactCard(id, name, phones, emails, city, country, source, ownerId, timeZone, givenTimeZone,
                archived, companyId, createdAt, calls, mergedInto);
    }

    ContactCard withCompany(String companyId) {
        return new ContactCard(id, name, phones, emails, city, country, source, ownerId, timeZone, givenTimeZone,
                archived, companyId, createdAt, calls, mergedInto);
    }
}
