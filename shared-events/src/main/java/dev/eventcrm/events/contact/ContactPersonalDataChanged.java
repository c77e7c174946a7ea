package dev.eventcrm.events.contact;

import java.util.List;

/**
 * The contact's name, phones or e-mails changed. The personal data travels whole (it is one unit for encryption),
 * and {@code changed} says which of {@code name}, {@code phones}, {@code emails} actually changed.
 */
public record ContactPersonalDataChanged(String contactId, ContactPersonalData personal, List<String> changed) {
}
