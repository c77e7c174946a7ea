package dev.eventcrm.projections.timeline;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.projections.core.Mongo;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The timelines of contacts and deals: one document per event in {@code timeline} (never one growing document per
 * contact), under a key derived from the event ({@link TimelineEntry#key}), written with a replace-or-insert: a
 * redelivered event rewrites the same document and changes nothing. Each entry names the contact and the deal whose
 * timelines show it; query-service reads them by {@code (contactId, occurredAt, _id)} and
 * {@code (dealId, occurredAt, _id)}.
 * <p>
 * A deal's later events name only the deal, and a task's or an invoice's later events only the task or invoice, so
 * the projection looks up the contact (and deal) they belong to: first in the batch, then in the stored entry of the
 * deal's, task's or invoice's first event (its key is known: sequence 0), and when that is not stored yet (a rebuild
 * that has not reached it) in the event store's history of that aggregate. A deal's contact and a task's or
 * invoice's contact and deal never change afterwards, so the lookup is made once per entry and holds.
 */
public final class TimelineProjection implements Projection {
    public static final String NAME = "timeline";
    public static final String COLLECTION = "timeline";
    public static final int VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(TimelineProjection.class);

    private final MongoDatabase database;
    private final MongoCollection<Document> entries;
    private final EventHistory history;
    private final Duration timeout;

    public TimelineProjection(MongoDatabase database, String collection, EventHistory history, Duration timeout) {
        this.database = database;
        this.entries = database.getCollection(collection);
        this.history = history;
        this.timeout = timeout;
    }

    public static TimelineProjection create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new TimelineProjection(database, COLLECTION, history, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String collection() {
        return entries.getNamespace().getCollectionName();
    }

    @Override
    public boolean rebuildable() {
        return true;
    }

    @Override
    public Projection into(String collection) {
        return new TimelineProjection(database, collection, history, timeout);
    }

    @Override
    public void applyBatch(List<ParsedEvent> events) {
        List<TimelineDraft> drafts = events.stream().map(TimelineDraft::of).flatMap(Optional::stream).toList();
        if (drafts.isEmpty()) {
            return;
        }
        Map<String, Refs> subjects = new HashMap<>();
        Map<String, String> dealContacts = new HashMap<>();
        for (TimelineDraft draft : drafts) {
            ParsedEvent event = draft.event();
            if (event.payload() instanceof DealOpened opened) {
                dealContacts.put(opened.dealId(), opened.contactId());
            } else {
                firstRefs(event).ifPresent(refs -> subjects.put(event.aggregateId(), refs));
            }
        }
        resolveSubjects(drafts, subjects);
        Set<String> deals = new LinkedHashSet<>();
        for (TimelineDraft draft : drafts) {
            Refs refs = refs(draft, subjects);
            if (refs.contactId() == null && refs.dealId() != null && !dealContacts.containsKey(refs.dealId())) {
                deals.add(refs.dealId());
            }
        }
        resolveDeals(deals, dealContacts);
        Map<String, WriteModel<Document>> writes = new LinkedHashMap<>();
        for (TimelineDraft draft : drafts) {
            Refs refs = refs(draft, subjects);
            String contactId = refs.contactId() != null ? refs.contactId()
                    : refs.dealId() == null ? null : dealContacts.get(refs.dealId());
            TimelineEntry entry = draft.entry(contactId, refs.dealId());
            writes.put(entry.id(), new ReplaceOneModel<>(Filters.eq("_id", entry.id()), TimelineCodec.encode(entry),
                    new ReplaceOptions().upsert(true)));
        }
        write(new ArrayList<>(writes.values()));
    }

    /** The contact and the deal a draft names, a later task or invoice event's taken from its first. */
    private static Refs refs(TimelineDraft draft, Map<String, Refs> subjects) {
        if (draft.subjectId() == null) {
            return new Refs(draft.contactId(), draft.dealId());
        }
        return subjects.getOrDefault(draft.subjectId(), Refs.NONE);
    }

    /** The contact and deal a task's or an invoice's first event names, for its later events. */
    private static Optional<Refs> firstRefs(ParsedEvent event) {
        if (event.payload() instanceof TaskCreated task) {
            return Optional.of(new Refs(task.contactId(), task.dealId()));
        }
        if (event.payload() instanceof InvoiceIssued invoice) {
            return Optional.of(new Refs(invoice.contactId(), invoice.dealId()));
        }
        return Optional.empty();
    }

    private void resolveSubjects(List<TimelineDraft> drafts, Map<String, Refs> subjects) {
        Set<String> missing = new LinkedHashSet<>();
        for (TimelineDraft draft : drafts) {
            if (draft.subjectId() != null && !subjects.containsKey(draft.subjectId())) {
                missing.add(draft.subjectId());
            }
        }
        for (Map.Entry<String, Document> first : firstEntries(missing).entrySet()) {
            subjects.put(first.getKey(), new Refs(first.getValue().getString("contactId"),
                    first.getValue().getString("dealId")));
        }
        for (String subjectId : missing) {
            if (!subjects.containsKey(subjectId)) {
                firstEvent(subjectId).flatMap(TimelineProjection::firstRefs)
                        .ifPresent(refs -> subjects.put(subjectId, refs));
            }
        }
    }

    private void resolveDeals(Set<String> deals, Map<String, String> dealContacts) {
        for (Map.Entry<String, Document> first : firstEntries(deals).entrySet()) {
            dealContacts.put(first.getKey(), first.getValue().getString("contactId"));
        }
        for (String dealId : deals) {
            if (!dealContacts.containsKey(dealId)) {
                firstEvent(dealId).filter(event -> event.payload() instanceof DealOpened)
                        .map(event -> (DealOpened) event.payload())
                        .ifPresent(opened -> dealContacts.put(dealId, opened.contactId()));
            }
        }
    }

    /** The stored entries of the aggregates' first events, by aggregate id: one query. */
    private Map<String, Document> firstEntries(Set<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Map.of();
        }
        List<String> keys = aggregateIds.stream().map(id -> TimelineEntry.key(id, 0)).toList();
        Map<String, Document> found = new HashMap<>();
        Flux.from(entries.find(Filters.in("_id", keys))).toIterable()
                .forEach(doc -> found.put(doc.getString("aggregateId"), doc));
        return found;
    }

    private Optional<ParsedEvent> firstEvent(String aggregateId) {
        Optional<ParsedEvent> first = history.load(aggregateId, 0).stream().findFirst();
        if (first.isEmpty()) {
            // cannot happen for a stored deal, task or invoice; shown on no timeline rather than stopping the projection
            log.warn("No stored history of {}: its later timeline entries name no contact", aggregateId);
        }
        return first;
    }

    private void write(List<WriteModel<Document>> writes) {
        try {
            Mongo.await(entries.bulkWrite(writes, new BulkWriteOptions().ordered(false)), timeout);
        } catch (RuntimeException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            // two writers upserted one entry at once: the loser's replace now finds the document
            Mongo.await(entries.bulkWrite(writes, new BulkWriteOptions().ordered(false)), timeout);
        }
    }

    private record Refs(String contactId, String dealId) {
        static final Refs NONE = new Refs(null, null);
    }
}
