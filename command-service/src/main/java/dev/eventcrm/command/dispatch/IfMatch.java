package dev.eventcrm.command.dispatch;

import dev.eventcrm.api.ApiException;
import org.springframework.http.HttpStatus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads If-Match (RFC 9110 section 13.1.1) as the aggregate version an update is conditional on: the strong tag
 * {@code "3"} (what GET answers in ETag), the legacy bare number {@code 3}, or {@code *} (any current version).
 * A weak tag never matches under the strong comparison that If-Match requires, so it fails the precondition.
 */
public final class IfMatch {

    private static final Pattern STRONG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    private IfMatch() {
    }

    /** The required version, or null when the update is unconditional (no header, or {@code *}). */
    public static Long version(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/\"")) {
            throw preconditionFailed("A weak entity tag never matches If-Match; send the strong tag from ETag");
        }
        Matcher matcher = STRONG.matcher(value);
        if (!matcher.matches()) {
            throw ApiException.invalid("If-Match", "must be one entity tag such as \"3\" (the ETag of the record), or *");
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    /** The one problem type of every failed If-Match. */
    static ApiException preconditionFailed(String detail) {
        return ApiException.of(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", detail);
    }
}
