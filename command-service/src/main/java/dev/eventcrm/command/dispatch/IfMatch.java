package dev.eventcrm.command.dispatch;

import dev.eventcrm.api.ApiException;

/** Reads the If-Match header as an aggregate version: "3", "\"3\"" and "W/\"3\"" are all version 3. */
public final class IfMatch {

    private IfMatch() {
    }

    public static Long version(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.invalid("If-Match", "must be an aggregate version, a non-negative integer");
    }
}
