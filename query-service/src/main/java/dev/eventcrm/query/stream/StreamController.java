package dev.eventcrm.query.stream;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.eventcrm.query.web.QueryParams;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stream}: the change feed as server-sent events ({@code id} = position, {@code event} = type,
 * {@code data} = the event envelope JSON). Resume with {@code Last-Event-ID} (or {@code lastEventId}) to continue
 * strictly after that position; {@code from=N} starts at position N ({@code from=0} replays everything); without
 * either the stream starts with the changes made after the connection. Rebuild progress of the projections arrives as
 * {@code event: ProjectionRebuildProgress} without an {@code id}, to subscribers without an {@code aggregateId}
 * filter whose {@code types} are empty or name it. A stream that falls too far behind is completed; resuming with
 * {@code Last-Event-ID} loses nothing.
 */
@RestController
class StreamController {

    private final ChangeFeedHub hub;

    StreamController(ChangeFeedHub hub) {
        this.hub = hub;
    }

    /** Writes the hub's frames as they are: each change was encoded once for all its subscribers. */
    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                      @RequestParam(required = false) String lastEventId,
                      @RequestParam(required = false) String from,
                      @RequestParam(required = false) String aggregateId,
                      @RequestParam(required = false) String recipientId,
                      ServerWebExchange exchange) {
        // Parsed before returning the stream so bad input is a 400 problem, not a broken stream.
        Long resumeAfter = QueryParams.nonNegativeLong("Last-Event-ID", lastEventIdHeader);
        if (resumeAfter == null) {
            resumeAfter = QueryParams.nonNegativeLong("lastEventId", lastEventId);
        }
        if (resumeAfter == null) {
            Long fromPosition = QueryParams.nonNegativeLong("from", from);
            resumeAfter = fromPosition == null ? null : fromPosition - 1;
        }
        ChangeFilter filter = new ChangeFilter(types(exchange.getRequest().getQueryParams().get("types")),
                QueryParams.optional(aggregateId), QueryParams.optional(recipientId));
        Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : hub.startPosition();

        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        // Stops reverse proxies such as nginx from buffering the stream.
        response.getHeaders().set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(start.flatMapMany(after -> hub.follow(after, filter)
                        // Sent once the start position is fixed: commits the response, so clients know they are live.
                        .startWith(Frame.CONNECTED))
                // Wraps the shared bytes without copying them.
                .map(frame -> buffers.wrap(frame.bytes())));
    }

    private static Set<String> types(List<String> values) {
        Set<String> types = new LinkedHashSet<>();
        if (values != null) {
            values.stream()
                    .flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::trim)
                    .filter(type -> !type.isEmpty())
                    .forEach(types::add);
        }
        return types;
    }
}
