package dev.eventcrm.projections.company;

import dev.eventcrm.events.contact.PhoneNumber;

import java.time.Instant;
import java.util.List;

/** One company as the {@code companies} read model shows it; {@code createdAt} null until its creation is applied. */
public record CompanyCard(
        String id,
        String name,
        String inn,
        List<PhoneNumber> phones,
        List<String> emails,
        String website,
        String city,
        String country,
        String source,
        String ownerId,
        boolean archived,
        Instant createdAt) {

    public CompanyCard {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    static CompanyCard empty(String id) {
        return new CompanyCard(id, null, null, List.of(), List.of(), null, null, null, null, null, false, null);
    }
}
