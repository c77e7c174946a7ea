package dev.eventcrm.events.company;

import dev.eventcrm.events.contact.PhoneNumber;

import java.util.List;

/** The company's phone numbers as they now are (empty: all removed). */
public record CompanyPhonesChanged(String companyId, List<PhoneNumber> phones) {

    public CompanyPhonesChanged {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
