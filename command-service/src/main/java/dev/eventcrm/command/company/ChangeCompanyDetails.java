package dev.eventcrm.command.company;

import dev.eventcrm.events.contact.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A JSON Merge Patch of a company: a null member is left as it is; a {@link Change} holds the new value of an
 * optional field, null inside it removing the field.
 *
 * @param phones null: unchanged; empty: every number removed
 * @param emails null: unchanged; empty: every address removed
 */
public record ChangeCompanyDetails(@TargetAggregateIdentifier String companyId, String name, Change inn,
                                   List<PhoneNumber> phones, List<String> emails, Change website, Change city,
                                   Change country, Change source, boolean allowDuplicate, Long expectedVersion)
        implements CompanyCommand {

    /** The new value of an optional field; {@code value} null removes it. */
    public record Change(String value) {
    }
}
