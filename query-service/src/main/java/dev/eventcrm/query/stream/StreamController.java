package dev.eventcrm.query.stream;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.QueryParams;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stream}: the change feed as server-sent events ({@code id} = position, {@code event} = type,
 * {@code data} = the event envelope JSON). Resume with {@code Last-Event-ID} (or {@code lastEventId}) to continue
 * strictly after that position; {@code from=N} starts at position N ({@code from=0} replays everything); without
 * either the stream starts with the changes made after the connection.
 */
@RestController
class StreamController {

    private final ChangeFeed feed;
    private final ChangeFeedPoller poller;
    private final QueryProperties properties;

    StreamController(ChangeFeed feed, ChangeFeedPoller poller, QueryProperties properties) {
        this.feed = feed;
        this.poller = poller;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                                         @RequestParam(required = false) String lastEventId,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String aggregateId,
                                         ServerWebExchange exchange) {
        // Parsed before returning the Flux so bad input is a 400 problem, not a broken stream.
        Long resumeAfter = QueryParams.nonNegativeLong("Last-Event-ID", lastEventIdHeader);
        if (resumeAfter == null) {
            resumeAfter = QueryParams.nonNegativeLong("lastEventId", lastEventId);
        }
        if (resumeAfter == null) {
            Long fromPosition = QueryParams.nonNegativeLong("from", from);
            resumeAfter = fromPosition == null ? null : fromPosition - 1;
        }
        ChangeFilter filter = new ChangeFilter(types(exchange.getRequest().getQueryParams().get("types")),
                QueryParams.optional(aggregateId));
        Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : feed.currentPosition();

        exchange.getResponse().getHeaders().setCacheControl("no-cache");
        // Stops reverse proxies such as nginx from buffering the stream.
        exchange.getResponse().getHeaders().set("X-Accel-Buffering", "no");
        return start.flatMapMany(after -> Flux.merge(
                        feed.follow(after, filter).map(StreamController::toEvent),
                        heartbeats())
                // Sent once the start position is fixed: commits the response, so clients know they are live.
                .startWith(ServerSentEvent.<String>builder().comment("connected").build()));
    }

    private Flux<ServerSentEvent<String>> heartbeats() {
        return Flux.interval(properties.streamHeartbeat())
                .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build())
                .takeUntilOther(poller.ticks().then(Mono.just(Boolean.TRUE)));
    }

    private static ServerSentEvent<String> toEvent(Change change) {
        return ServerSentEvent.builder(change.envelope())
                .id(Long.toString(change.position()))
                .event(change.type())
                .build();
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
