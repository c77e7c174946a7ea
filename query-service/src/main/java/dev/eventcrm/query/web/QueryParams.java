package dev.eventcrm.query.web;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import org.bson.conversions.Bson;

import java.util.List;

/**
 * Parses request values by hand so a bad value becomes a 400 naming the parameter, with the same problem type as any
 * other validation failure, and turns given values into list filters.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** Null when absent or blank. */
    public static Long nonNegativeLong(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid(name, "must be a non-negative integer");
    }

    public static int intInRange(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid(name, "must be an integer between " + min + " and " + max);
    }

    /** Adds {@code field = value} to a list query's conditions when the request gave a value ({@link #optional}). */
    public static void equalIfGiven(List<Bson> conditions, String field, String raw) {
        String given = optional(raw);
        if (given != null) {
            conditions.add(Filters.eq(field, given));
        }
    }

    /** Null when absent or blank, so {@code ?stage=} means "no filter". */
    public static String optional(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}
