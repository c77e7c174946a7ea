package dev.eventcrm.command.company;

import dev.eventcrm.events.contact.PhoneNumber;

import java.util.List;

/** @param allowDuplicate create the company even if an existing one has its INN, one of its phones or e-mails */
public record CreateCompany(String companyId, String name, String inn, List<PhoneNumber> phones, List<String> emails,
                            String website, String city, String country, String source, String ownerId,
                            boolean allowDuplicate) {

    public CreateCompany {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
