package dev.eventcrm.api;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.eventcrm.api.ApiException.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Renders every error raised while handling a request as {@code application/problem+json} with a stable
 * {@code type}, so clients can branch on the type rather than on messages.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String INTERNAL_ERROR = "internal-error";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    public Mono<ResponseEntity<Object>> handleApiException(ApiException ex, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpHeaders headers = new HttpHeaders();
        ex.getHeaders().forEach(headers::add);
        return respond(ex.getStatus(), ex.getSlug(), ex.getTitle(), ex.getDetail(), ex.getErrors(),
                ex.getExtensions(), headers, exchange);
    }

    /**
     * Renders an error raised outside a controller (a web filter, the codecs, routing) the same way as one raised
     * inside: used by {@link ProblemWebExceptionHandler}.
     */
    Mono<ResponseEntity<Object>> render(Throwable error, ServerWebExchange exchange) {
        Exception ex = error instanceof Exception e ? e : new IllegalStateException(error);
        if (ex instanceof ApiException api) {
            return handleApiException(api, exchange);
        }
        return handleException(ex, exchange).onErrorResume(unknown -> handleUnexpected(ex, exchange));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        // Wrapped by a Reactor operator or a library: the catch-all would otherwise hide the real outcome.
        ApiException api = findCause(ex, ApiException.class);
        if (api != null) {
            return handleApiException(api, exchange);
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (findCause(ex, DataBufferLimitException.class) != null) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", null,
                    "The request body is larger than this service accepts", List.of(), new HttpHeaders(), exchange);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return internalError(new HttpHeaders(), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpHeaders responseHeaders = headers != null ? headers : new HttpHeaders();
        if (ex instanceof WebExchangeBindException bind) {
            return validationFailed(bindingErrors(bind.getBindingResult()), responseHeaders, exchange);
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            return validationFailed(parameterErrors(validation), responseHeaders, exchange);
        }
        if (ex instanceof MissingRequestValueException missing) {
            return validationFailed(List.of(new FieldError(missing.getName(), "is required")), responseHeaders,
                    exchange);
        }
        if (ex instanceof ServerWebInputException input) {
            return malformed(input, responseHeaders, exchange);
        }
        if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
            String detail = unsupported.getContentType() == null
                    ? "Content-Type is missing or invalid"
                    : "Content-Type '" + unsupported.getContentType() + "' is not supported";
            if (!unsupported.getSupportedMediaTypes().isEmpty()) {
                detail += "; supported: " + MediaType.toString(unsupported.getSupportedMediaTypes());
            }
            return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    detail, List.of(), responseHeaders, exchange);
        }
        if (ex instanceof NotAcceptableStatusException notAcceptable) {
            String detail = "None of the accepted media types can be produced";
            if (!notAcceptable.getSupportedMediaTypes().isEmpty()) {
                detail += "; available: " + MediaType.toString(notAcceptable.getSupportedMediaTypes());
            }
            return respond(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", detail, List.of(),
                    responseHeaders, exchange);
        }
        if (ex instanceof MethodNotAllowedException notAllowed) {
            return respond(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    "Method " + notAllowed.getHttpMethod() + " is not supported here", List.of(), responseHeaders,
                    exchange);
        }
        if (status.is5xxServerError()) {
            log.error("Server error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            if (ex instanceof ServerErrorException) {
                return internalError(responseHeaders, exchange);
            }
        }
        if (findCause(ex, DataBufferLimitException.class) != null) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", null,
                    "The request body is larger than this service accepts", List.of(), responseHeaders, exchange);
        }
        return respond(status, slug(status), null, frameworkDetail(ex, status), List.of(), responseHeaders, exchange);
    }

    /**
     * Only a reason the application wrote itself is shown; Spring's own reasons name handlers, static resources or
     * classes, which are none of the client's business.
     */
    private static String frameworkDetail(Exception ex, HttpStatusCode status) {
        if (ex.getClass() == ResponseStatusException.class && ((ResponseStatusException) ex).getReason() != null) {
            return ((ResponseStatusException) ex).getReason();
        }
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "Nothing is served at this path";
        }
        return reasonPhrase(status);
    }

    private Mono<ResponseEntity<Object>> malformed(ServerWebInputException ex, HttpHeaders headers,
                                                   ServerWebExchange exchange) {
        TypeMismatchException mismatch = findCause(ex, TypeMismatchException.class);
        if (mismatch != null) {
            String field = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : parameterName(ex.getMethodParameter());
            String message = describeExpected(mismatch.getRequiredType());
            return respond(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                    "Invalid value for '" + field + "': " + message,
                    List.of(new FieldError(field, message)), headers, exchange);
        }
        if ("No request body".equals(ex.getReason())) {
            return respond(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                    "A request body is required", List.of(), headers, exchange);
        }
        JacksonException json = findCause(ex, JacksonException.class);
        if (json != null) {
            String field = jsonPath(json);
            if (field == null && json instanceof StreamReadException read) {
                field = parserPath(read);
            }
            if (field != null) {
                String message = describeJsonProblem(json);
                return respond(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                        "Invalid value for '" + field + "': " + message,
                        List.of(new FieldError(field, message)), headers, exchange);
            }
            return respond(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                    "The request body is not valid JSON", List.of(), headers, exchange);
        }
        String detail = ex.getReason() != null ? ex.getReason() : "The request could not be read";
        return respond(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request", detail, List.of(), headers,
                exchange);
    }

    private Mono<ResponseEntity<Object>> validationFailed(List<FieldError> errors, HttpHeaders headers,
                                                          ServerWebExchange exchange) {
        ApiException api = ApiException.invalid(errors);
        return respond(api.getStatus(), api.getSlug(), api.getTitle(), api.getDetail(), errors, headers, exchange);
    }

    private Mono<ResponseEntity<Object>> internalError(HttpHeaders headers, ServerWebExchange exchange) {
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "Internal error",
                "The server failed to handle the request", List.of(), headers, exchange);
    }

    private static Mono<ResponseEntity<Object>> respond(HttpStatusCode status, String slug, String title,
                                                        String detail, List<FieldError> errors,
                                                        HttpHeaders headers, ServerWebExchange exchange) {
        return respond(status, slug, title, detail, errors, Map.of(), headers, exchange);
    }

    private static Mono<ResponseEntity<Object>> respond(HttpStatusCode status, String slug, String title,
                                                        String detail, List<FieldError> errors,
                                                        Map<String, Object> extensions, HttpHeaders headers,
                                                        ServerWebExchange exchange) {
        // One wording rule for every title, whoever raised the error: the slug in sentence case.
        Problem body = new Problem(Problem.type(slug), title != null ? title : ApiException.humanize(slug),
                status.value(), detail,
                exchange.getRequest().getPath().value(), errors.isEmpty() ? null : errors, extensions);
        // An explicit Content-Type wins over the request's Accept header, so even an SSE client gets the problem.
        return Mono.just(ResponseEntity.status(status).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body));
    }

    private static List<FieldError> bindingErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(fe -> errors.add(new FieldError(fe.getField(), message(fe))));
        result.getGlobalErrors().forEach(ge -> errors.add(new FieldError(ge.getObjectName(), message(ge))));
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private static List<FieldError> parameterErrors(HandlerMethodValidationException ex) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean) {
                bean.getFieldErrors().forEach(fe -> errors.add(new FieldError(fe.getField(), message(fe))));
            }
            else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(e -> errors.add(new FieldError(name, message(e))));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static String parameterName(MethodParameter parameter) {
        if (parameter == null) {
            return "request";
        }
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    /** The JSON path of the offending value, e.g. {@code items[2].outcome}; null when the error has no path. */
    static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /**
     * Where the parser stood when it refused the input, e.g. {@code amount.currency} for a duplicate key: parser
     * errors carry no databind path.
     */
    static String parserPath(StreamReadException ex) {
        JsonParser parser = ex.processor();
        if (parser == null || parser.streamReadContext() == null) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject() && context.currentName() != null) {
                segments.add(0, "." + context.currentName());
            }
            else if (context.inArray()) {
                segments.add(0, "[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", segments);
        return path.isEmpty() ? null : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String describeJsonProblem(JacksonException ex) {
        if (ex instanceof StrictJson.UnsafeTextException unsafe) {
            return unsafe.getOriginalMessage();
        }
        if (ex instanceof StreamReadException read && read.getOriginalMessage() != null
                && read.getOriginalMessage().startsWith("Duplicate Object property")) {
            return "appears more than once";
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof InvalidFormatException format) {
            return describeExpected(format.getTargetType());
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return describeExpected(mismatch.getTargetType());
        }
        return "is not valid JSON";
    }

    // Worded from the target type rather than Jackson's message, which names internal classes.
    private static String describeExpected(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != char.class && type != void.class)) {
            boolean integral = type == int.class || type == long.class || type == short.class || type == byte.class
                    || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                    || type == java.math.BigInteger.class;
            return integral ? "must be an integer" : "must be a number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date-time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has an invalid value";
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "http-" + status.value();
    }

    private static String reasonPhrase(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
