package dev.eventcrm.events.contact;

import java.util.List;

/**
 * The personal data of a contact, kept apart from the rest of each event so that encrypting it with a per-contact
 * key (erasure by crypto-shredding) becomes a serializer concern rather than an event migration.
 */
public record ContactPersonalData(String name, List<String> phones, List<String> emails) {
    public ContactPersonalData {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
