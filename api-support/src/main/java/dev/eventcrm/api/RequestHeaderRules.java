package dev.eventcrm.api;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bounds and checks every request header the API reads, before any handler sees it, so that a bad header is a 400
 * naming it rather than a database error (a key longer than its column) or garbage copied into events.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestHeaderRules implements WebFilter {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String IF_MATCH = "If-Match";
    public static final String LAST_EVENT_ID = "Last-Event-ID";
    /** Who acts, until authentication lands; user ids are at most 100 characters like every other id. */
    public static final String ACTOR_ID = "X-Actor-Id";

    /** The idempotency scope column holds method, path (ids up to 100 characters) and key within 300 characters. */
    public static final int IDEMPOTENCY_KEY_MAX = 128;
    public static final int CORRELATION_ID_MAX = 128;
    static final int IF_MATCH_MAX = 256;
    static final int LAST_EVENT_ID_MAX = 64;
    public static final int ACTOR_ID_MAX = 100;

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    /** The characters of correlation and actor ids; user ids are limited to them, since X-Actor-Id names users. */
    public static final String ID_CHARACTERS = "[A-Za-z0-9._~:@/+=-]";
    private static final Pattern CORRELATION = Pattern.compile(ID_CHARACTERS + "+");
    // RFC 9110 entity-tag list or "*"; a bare version number (3) is also accepted, as the API always did.
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"|[0-9]+");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiException invalid = check(exchange.getRequest().getHeaders());
        return invalid != null ? Mono.error(invalid) : chain.filter(exchange);
    }

    static ApiException check(HttpHeaders headers) {
        String problem = problem(headers, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_MAX, VISIBLE_ASCII,
                "must be 1 to " + IDEMPOTENCY_KEY_MAX + " visible ASCII characters");
        if (problem != null) {
            return ApiException.invalid(IDEMPOTENCY_KEY, problem);
        }
        problem = problem(headers, CORRELATION_ID, CORRELATION_ID_MAX, CORRELATION,
                "must be 1 to " + CORRELATION_ID_MAX + " characters of A-Z a-z 0-9 . _ ~ : @ / + = -");
        if (problem != null) {
            return ApiException.invalid(CORRELATION_ID, problem);
        }
        problem = problem(headers, ACTOR_ID, ACTOR_ID_MAX, CORRELATION,
                "must be 1 to " + ACTOR_ID_MAX + " characters of A-Z a-z 0-9 . _ ~ : @ / + = -");
        if (problem != null) {
            return ApiException.invalid(ACTOR_ID, problem);
        }
        problem = problem(headers, LAST_EVENT_ID, LAST_EVENT_ID_MAX, VISIBLE_ASCII,
                "must be 1 to " + LAST_EVENT_ID_MAX + " visible ASCII characters");
        if (problem != null) {
            return ApiException.invalid(LAST_EVENT_ID, problem);
        }
        problem = ifMatchProblem(headers.get(IF_MATCH));
        return problem != null ? ApiException.invalid(IF_MATCH, problem) : null;
    }

    private static String problem(HttpHeaders headers, String name, int max, Pattern allowed, String rule) {
        List<String> values = headers.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            return "must be sent once";
        }
        String value = values.get(0);
        return value.length() > max || !allowed.matcher(value).matches() ? rule : null;
    }

    private static String ifMatchProblem(List<String> values) {
        if (values == null) {
            return null;
        }
        String joined = String.join(",", values).trim();
        if (joined.length() > IF_MATCH_MAX) {
            return "must be at most " + IF_MATCH_MAX + " characters";
        }
        if (joined.equals("*")) {
            return null;
        }
        for (String tag : joined.split(",", -1)) {
            if (!ENTITY_TAG.matcher(tag.trim()).matches()) {
                return "must be * or a list of entity tags such as \"3\"";
            }
        }
        return null;
    }
}
