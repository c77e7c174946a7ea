package dev.eventcrm.api;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that never reach a controller advice (raised by a web filter, for instance) are rendered by
 * {@link ProblemHandler} too, ahead of Spring Boot's HTML/JSON error page (order -1).
 */
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

    private final ProblemHandler problems;
    private final JsonMapper json;

    ProblemWebExceptionHandler(ProblemHandler problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return problems.render(error, exchange).flatMap(entity -> write(exchange.getResponse(), entity));
    }

    private Mono<Void> write(ServerHttpResponse response, ResponseEntity<Object> entity) {
        response.setStatusCode(entity.getStatusCode());
        response.getHeaders().putAll(entity.getHeaders());
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(entity.getBody()));
        return response.writeWith(Mono.just(buffer));
    }
}
