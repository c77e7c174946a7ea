package dev.eventcrm.command.contact;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new contact as a client sends it: the body of {@code POST /api/v1/contacts}, and each row of a CSV import, so that
 * both pass the same validation and normalisation.
 */
public record CreateContactRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> phones,
        @Size(max = 20) List<@NotBlank @Email String> emails,
        @Size(max = 100) String city,
        @Size(max = 100) String country,
        @Size(max = 100) String source,
        @NotBlank @Size(max = 100) String ownerId,
        @Size(max = 64) String timeZone,
        @Size(max = 100) String companyId) {

    /**
     * The command for a request that passed Bean Validation: phone numbers normalised to E.164 (all invalid ones
     * are named in one 400, {@code phones[i]}) and the time zone checked.
     */
    public CreateContact toCommand(String contactId, PhoneNumbers phoneNumbers, boolean allowDuplicate) {
        List<String> typed = phones == null ? List.of() : phones;
        return new CreateContact(contactId,
                new ContactPersonalData(name, typed, emails, normalised(typed, phoneNumbers)),
                city, country, source, ownerId, checkedTimeZone(timeZone), companyId, allowDuplicate);
    }

    public static List<PhoneNumber> normalised(List<String> phones, PhoneNumbers phoneNumbers) {
        List<PhoneNumber> numbers = new ArrayList<>(phones.size());
        List<ApiException.FieldError> invalid = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            String typed = phones.get(i);
            Optional<String> e164 = phoneNumbers.e164(typed);
            if (e164.isPresent()) {
                numbers.add(new PhoneNumber(e164.get(), typed));
            } else {
                invalid.add(new ApiException.FieldError("phones[" + i + "]", "is not a valid phone number (one "
                        + "without a country code is read in region " + phoneNumbers.defaultRegion() + ")"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalid(invalid);
        }
        return numbers;
    }

    /** An IANA region-based zone id (Europe/Berlin), not a fixed offset, which would ignore daylight saving time. */
    static String checkedTimeZone(String timeZone) {
        if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ApiException.invalid("timeZone", "is not an IANA time zone id such as Europe/Moscow");
        }
        return timeZone;
    }
}
