package dev.eventcrm.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code application/problem+json} body (RFC 9457). A plain record rather than Spring's ProblemDetail so the
 * JSON does not depend on which Jackson mix-ins the application's JsonMapper happens to carry.
 *
 * @param extensions extension members of the problem type, written beside the standard ones (e.g. the
 *                   {@code existingId} of a {@code duplicate-contact})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ApiException.FieldError> errors,
                      @JsonAnyGetter Map<String, Object> extensions) {

    public static final String TYPE_BASE = "https://eventcrm.dev/problems/";

    public static String type(String slug) {
        return TYPE_BASE + slug;
    }
}
