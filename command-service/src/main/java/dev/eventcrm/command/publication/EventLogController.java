package dev.eventcrm.command.publication;

import dev.eventcrm.api.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/**
 * The whole event store in global order, a page at a time: what projections are rebuilt from.
 * {@code GET /api/v1/events?afterIndex=N&limit=M} answers {@code {"events":[envelope...],"lastIndex","headIndex"}};
 * page on with {@code afterIndex=lastIndex}. Envelopes are those published on {@code crm.events}.
 */
@RestController
class EventLogController {
    static final int MAX_LIMIT = 10_000;

    private final StoredEvents store;
    private final EnvelopeWriter envelopes;

    EventLogController(StoredEvents store, EnvelopeWriter envelopes) {
        this.store = store;
        this.envelopes = envelopes;
    }

    @GetMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> page(@RequestParam(defaultValue = "0") long afterIndex,
                      @RequestParam(defaultValue = "1000") int limit) {
        if (afterIndex < 0) {
            return Mono.error(ApiException.invalid("afterIndex", "must not be negative"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return Mono.fromCallable(() -> {
            long head = store.headIndex();
            List<StoredEvent> events = store.after(afterIndex, limit);
            long last = events.isEmpty() ? afterIndex : events.get(events.size() - 1).globalIndex();
            return "{\"events\":" + envelopes.writeArray(events) + ",\"lastIndex\":" + last
                    + ",\"headIndex\":" + head + "}";
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
