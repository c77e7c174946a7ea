package dev.eventcrm.events.contact;

import java.util.List;

/**
 * The personal data of a contact, kept apart from the rest of each event so that encrypting it with a per-contact
 * key (erasure by crypto-shredding) becomes a serializer concern rather than an event migration.
 *
 * @param phones       the numbers as typed (the first version of this event had only these)
 * @param phoneNumbers the same numbers, each with its E.164 form; empty in events written before it existed
 */
public record ContactPersonalData(String name, List<String> phones, List<String> emails,
                                  List<PhoneNumber> phoneNumbers) {
    public ContactPersonalData {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    }

    /** The numbers with their E.164 forms; those of an event written before normalisation have none. */
    public List<PhoneNumber> numbers() {
        return phoneNumbers.isEmpty() ? phones.stream().map(typed -> new PhoneNumber(null, typed)).toList()
                : phoneNumbers;
    }
}
