package dev.eventcrm.api;

import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON Merge Patch (RFC 7396) body read field by field: a member absent leaves the field as it is, {@code null}
 * removes it, a value replaces it. Every refusal is a 400 naming the field (with its path for nested members).
 */
public final class MergePatch {

    /** The media type of a merge patch body (RFC 7396); routes taking one accept plain JSON too. */
    public static final String MEDIA_TYPE = "application/merge-patch+json";

    /** RFC 5321's limit on an address. */
    private static final int MAX_EMAIL = 254;

    private final JsonNode node;
    private final String path;

    private MergePatch(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @param allowed the members the patch may have; any other is refused, as unknown properties are elsewhere */
    public static MergePatch of(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object (a merge patch)");
        }
        return new MergePatch(body, "").allowOnly(allowed);
    }

    private MergePatch allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalid(path + name, "is not a field that can be changed here; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
        return this;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isRemoval(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    /** A text member that may not be removed; null when absent. */
    public String text(String field, int maxLength) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw ApiException.invalid(path + field, "must be a non-blank string");
        }
        if (value.asString().length() > maxLength) {
            throw ApiException.invalid(path + field, "must be at most " + maxLength + " characters");
        }
        return value.asString();
    }

    /** An optional text member: absent is null, {@code null} (removal) is an empty Optional. */
    public Optional<String> optionalText(String field, int maxLength) {
        if (!node.has(field)) {
            return null;
        }
        return node.get(field).isNull() ? Optional.empty() : Optional.of(text(field, maxLength));
    }

    /** A list of strings: absent is null, {@code null} removes every item (an empty list). */
    public List<String> texts(String field, int maxItems, int maxLength) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw ApiException.invalid(path + field, "must be a list of at most " + maxItems + " strings, or null");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > maxLength) {
                throw ApiException.invalid(path + field + "[" + i + "]",
                        "must be a non-blank string of at most " + maxLength + " characters");
            }
            items.add(item.asString());
        }
        return items;
    }

    /**
     * A list of e-mail addresses, each checked by Bean Validation's {@code @Email} as on creation: absent is null,
     * {@code null} removes every address.
     */
    public List<String> emails(String field, int maxItems, Validator validator) {
        List<String> emails = texts(field, maxItems, MAX_EMAIL);
        for (int i = 0; emails != null && i < emails.size(); i++) {
            if (!validator.validateValue(Address.class, "email", emails.get(i)).isEmpty()) {
                throw ApiException.invalid(path + field + "[" + i + "]", "must be a well-formed email address");
            }
        }
        return emails;
    }

    /** What {@link #emails} checks each address against. */
    private record Address(@Email String email) {
    }

    /** A whole number member in [min, max] that may not be removed; null when absent. */
    public Integer integer(String field, int min, int max) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw ApiException.invalid(path + field, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** An ISO date member; null when absent or removed (tell them apart with {@link #isRemoval}). */
    public LocalDate date(String field) {
        if (!node.has(field) || node.get(field).isNull()) {
            return null;
        }
        JsonNode value = node.get(field);
        try {
            if (value.isString()) {
                return LocalDate.parse(value.asString());
            }
        } catch (DateTimeParseException notADate) {
            // answered below
        }
        throw ApiException.invalid(path + field, "must be an ISO date such as 2026-12-31, or null");
    }

    /** A non-negative decimal (a string, or a JSON number) with bounded digits; null when absent. */
    public BigDecimal decimal(String field, int integerDigits, int fractionDigits) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        String problem = "must be a decimal from 0 with at most " + integerDigits + " digits before the point and "
                + fractionDigits + " after it, such as \"1500.00\"";
        BigDecimal decimal;
        try {
            decimal = value.isString() ? new BigDecimal(value.asString()) : value.isNumber() ? value.decimalValue()
                    : null;
        } catch (NumberFormatException notANumber) {
            decimal = null;
        }
        if (decimal == null || decimal.signum() < 0 || decimal.scale() > fractionDigits
                || decimal.precision() - decimal.scale() > integerDigits) {
            throw ApiException.invalid(path + field, problem);
        }
        return decimal;
    }

    /** A nested object member, itself merged; null when absent. Removing it is refused. */
    public MergePatch object(String field, Set<String> allowed) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw ApiException.invalid(path + field, "must be an object");
        }
        return new MergePatch(value, path + field + ".").allowOnly(allowed);
    }
}
