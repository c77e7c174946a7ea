package dev.eventcrm.command.publication;

import dev.eventcrm.api.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An aggregate's stored events as envelopes, straight from the event store: how projections heal a gap, and the
 * raw material of an audit trail.
 */
@RestController
class EventHistoryController {

    private final StoredEvents store;
    private final EnvelopeWriter envelopes;

    EventHistoryController(StoredEvents store, EnvelopeWriter envelopes) {
        this.store = store;
        this.envelopes = envelopes;
    }

    @GetMapping(path = "/api/v1/aggregates/{aggregateId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> events(@PathVariable String aggregateId,
                        @RequestParam(defaultValue = "0") long fromSequence) {
        if (fromSequence < 0) {
            return Mono.error(ApiException.invalid("fromSequence", "must not be negative"));
        }
        return Mono.fromCallable(() -> store.ofAggregate(aggregateId, fromSequence))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(events -> events.isEmpty() && fromSequence == 0
                        ? Mono.error(ApiException.notFound("Unknown id " + aggregateId))
                        : Mono.just(envelopes.writeArray(events)));
    }
}
