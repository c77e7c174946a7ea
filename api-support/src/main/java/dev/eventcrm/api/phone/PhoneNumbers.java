package dev.eventcrm.api.phone;

import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as CRM users type them ("8 (912) 345-67-89", "+7 912 345 67 89", "79123456789"), normalised to
 * E.164 with Google's libphonenumber. A number typed without its country code is read in the installation's default
 * region ({@code crm.phones.default-region}).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Parse E.164 input only: no region to fall back on. */
    private static final String UNKNOWN_REGION = "ZZ";

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        if (defaultRegion == null || !UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("crm.phones.default-region must be a region code libphonenumber "
                    + "supports (ISO 3166-1 alpha-2, e.g. RU, DE, US), not " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The E.164 form of a valid number; empty when the text is not a valid phone number. */
    public Optional<String> e164(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(typed, defaultRegion);
            return UTIL.isValidNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The digit strings a partly typed number is matched against by prefix: the E.164 digits without "+"
     * ({@code 79123456789}) and the national significant number ({@code 9123456789}).
     */
    public static List<String> digitPrefixes(String e164) {
        try {
            PhoneNumber number = UTIL.parse(e164, UNKNOWN_REGION);
            return List.of(e164.substring(1), UTIL.getNationalSignificantNumber(number));
        } catch (NumberParseException e) {
            return List.of();
        }
    }

    /**
     * The IANA time zone of a number's area, when libphonenumber's time-zone mapper names exactly one: a number
     * whose prefix spans several zones (a mobile range over a whole country) has no time zone rather than a guess.
     */
    public static Optional<String> timeZone(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        try {
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance()
                    .getTimeZonesForNumber(UTIL.parse(e164, UNKNOWN_REGION));
            return zones.size() == 1 && !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zones.get(0))
                    ? Optional.of(zones.get(0)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
