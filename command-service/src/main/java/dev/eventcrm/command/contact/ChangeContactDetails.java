package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.contact.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A JSON Merge Patch of a contact: a null member is left as it is; a {@link Change} holds the new value of an
 * optional field, null inside it removing the field.
 *
 * @param phones null: unchanged; empty: every number removed
 * @param emails    null: unchanged; empty: every address removed
 * @param companyId the company to join (which must exist), or null inside the change to leave the current one
 */
public record ChangeContactDetails(@TargetAggregateIdentifier String contactId, String name,
                                   List<PhoneNumber> phones, List<String> emails, Change city, Change country,
                                   Change source, Change timeZone, Change companyId, boolean allowDuplicate,
                                   Long expectedVersion)
        implements ContactCommand, ReferencesContact {

    /** The new value of an optional field; {@code value} null removes it. */
    public record Change(String value) {
    }

    @Override
    public Object withContactId(String contactId) {
        return new ChangeContactDetails(contactId, name, phones, emails, city, country, source, timeZone, companyId,
                allowDuplicate, expectedVersion);
    }
}
