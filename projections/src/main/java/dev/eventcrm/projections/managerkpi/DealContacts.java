package dev.eventcrm.projections.managerkpi;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contact each deal was opened with, which routes a call, meeting or e-mail about a deal to that contact's
 * responses document even when the activity names another contact. It never changes (the KPI facts keep a deal's
 * contact as opened), so any source will do: the batch's own openings, then the deals' KPI documents (one
 * {@code $in} per batch), then the deal's first event in the event store (a deal whose opening has not been
 * projected yet, e.g. on another Kafka partition). Answers are cached, a bounded number of them.
 */
final class DealContacts {
    private static final int CACHED = 100_000;
    /** Deal -> its contact; an empty Optional for a deal with none or one the event store does not know. */
    private final Map<String, Optional<String>> known = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > CACHED;
                }
            });
    private final MongoCollection<Document> facts;
    private final EventHistory history;
    private final Duration timeout;

    DealContacts(MongoCollection<Document> facts, EventHistory history, Duration timeout) {
        this.facts = facts;
        this.history = history;
        this.timeout = timeout;
    }

    /** Learns the contacts of the batch's deals and of those its activities name, with one query for the rest. */
    void prepare(List<ParsedEvent> batch) {
        Set<String> wanted = new LinkedHashSet<>();
        for (ParsedEvent event : batch) {
            if (event.payload() instanceof DealOpened opened) {
                known.put(opened.dealId(), Optional.ofNullable(opened.contactId()));
            }
            String deal = ManagerKpiFold.dealOf(event);
            if (deal != null) {
                wanted.add(deal);
            }
        }
        wanted.removeIf(known::containsKey);
        if (!wanted.isEmpty()) {
            Flux.from(facts.find(Filters.and(Filters.in("_id", wanted), Filters.eq("facts.type", "DEAL_OPENED")))
                            .projection(Projections.include("contactId")))
                    .collectList().blockOptional(timeout).orElse(List.of())
                    .forEach(deal -> known.put(deal.getString("_id"), Optional.ofNullable(deal.getString("contactId"))));
        }
    }

    /** The contact {@code dealId} was opened with; empty without one. */
    Optional<String> of(String dealId) {
        Optional<String> contact = known.get(dealId);
        if (contact == null) {
            contact = history.load(dealId, 0).stream().findFirst().map(ParsedEvent::payload)
                    .filter(DealOpened.class::isInstance).map(opened -> ((DealOpened) opened).contactId());
            known.put(dealId, contact);
        }
        return contact;
    }
}
