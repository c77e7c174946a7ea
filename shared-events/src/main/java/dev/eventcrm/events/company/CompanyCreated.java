package dev.eventcrm.events.company;

import dev.eventcrm.events.contact.PhoneNumber;

import java.util.List;

/**
 * A company (an organisation contacts may belong to) was created.
 *
 * @param inn    the Russian taxpayer number (10 digits for an organisation, 12 for a sole proprietor); null if none
 * @param phones each number as typed beside its E.164 form
 */
public record CompanyCreated(
        String companyId,
        String name,
        String inn,
        List<PhoneNumber> phones,
        List<String> emails,
        String website,
        String city,
        String country,
        String source,
        String ownerId) {

    public CompanyCreated {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
