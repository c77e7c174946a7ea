package dev.eventcrm.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;

/**
 * An error a controller raises on purpose; {@link ProblemHandler} renders it as an RFC 9457 problem whose
 * {@code type} is {@value Problem#TYPE_BASE} followed by the slug.
 */
public class ApiException extends RuntimeException {

    public static final String VALIDATION_FAILED = "validation-failed";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public record FieldError(String field, String message) {
    }

    public ApiException(HttpStatus status, String slug, String title, String detail, List<FieldError> errors) {
        this(status, slug, title, detail, errors, Map.of());
    }

    private ApiException(HttpStatus status, String slug, String title, String detail, List<FieldError> errors,
                         Map<String, Object> extensions) {
        this(status, slug, title, detail, errors, extensions, Map.of());
    }

    private ApiException(HttpStatus status, String slug, String title, String detail, List<FieldError> errors,
                         Map<String, Object> extensions, Map<String, String> headers) {
        // No stack trace: these are expected outcomes (404s under load), not bugs.
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.slug = Objects.requireNonNull(slug, "slug");
        this.title = title != null ? title : humanize(slug);
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    /** A conflict whose problem carries extension members, e.g. the id of the record it conflicts with. */
    public static ApiException conflict(String slug, String detail, Map<String, Object> extensions) {
        return new ApiException(HttpStatus.CONFLICT, slug, null, detail, List.of(), extensions);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, List.of());
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(HttpStatus.CONFLICT, slug, null, detail, List.of());
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Invalid value for '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed", detail, errors);
    }

    public static ApiException unprocessable(String slug, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, slug, null, detail, List.of());
    }

    public static ApiException of(HttpStatus status, String slug, String title, String detail) {
        return new ApiException(status, slug, title, detail, List.of());
    }

    /** A problem with every member given, e.g. one stored earlier and answered again. */
    public static ApiException of(HttpStatus status, String slug, String title, String detail,
                                  List<FieldError> errors, Map<String, Object> extensions) {
        return new ApiException(status, slug, title, detail, errors, extensions);
    }

    /** The same problem, answered with one more response header. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, slug, title, detail, errors, extensions, more);
    }

    public HttpStatus getStatus() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code not-found}. */
    public String getSlug() {
        return slug;
    }

    public String getTitle() {
        return title;
    }

    public String getDetail() {
        return detail;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    public Map<String, Object> getExtensions() {
        return extensions;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    static String humanize(String slug) {
        String words = slug.replace('-', ' ').trim();
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
