package dev.eventcrm.projections.timeline;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.deal.DealOpened;
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
 * A deal's later events name only the deal, and a task's later events only the task, so the projection looks up the
 * contact (and deal) they belong to: first in the batch, then in the stored entry of the deal's or task's first event
 * (its key is known: sequence 0), and when that is not stored yet (a rebuild that has not reached it) in the event
 * store's history of that aggregate. A deal's contact and a task's contact and deal never change afterwards, so the
 * lookup is made once per entry and holds.
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
        Map<String, Refs> tasks = new HashMap<>();
        Map<String, String> dealContacts = new HashMap<>();
        for (TimelineDraft draft : drafts) {
            ParsedEvent event = draft.event();
            if (event.payload() instanceof TaskCreated task) {
                tasks.put(task.taskId(), new Refs(task.contactId(), task.dealId()));
            } else if (event.payload() instanceof DealOpened opened) {
                dealContacts.put(opened.dealId(), opened.contactId());
            }
        }
        resolveTasks(drafts, tasks);
        Set<String> deals = new LinkedHashSet<>();
        for (TimelineDraft draft : drafts) {
            Refs refs = refs(draft, tasks);
            if (refs.contactId() == null && refs.dealId() != null && !dealContacts.containsKey(refs.dealId())) {
                deals.add(refs.dealId());
            }
        }
        resolveDeals(deals, dealContacts);
        Map<String, WriteModel<Document>> writes = new LinkedHashMap<>();
        for (TimelineDraft draft : drafts) {
            Refs refs = refs(draft, tasks);
            String contactId = refs.contactId() != null ? refs.contactId()
                    : refs.dealId() == null ? null : dealContacts.get(refs.dealId());
            TimelineEntry entry = draft.entry(contactId, refs.dealId());
            writes.put(entry.id(), new ReplaceOneModel<>(Filters.eq("_id", entry.id()), TimelineCodec.encode(entry),
                    new ReplaceOptions().upsert(true)));
        }
        write(new ArrayList<>(writes.values()));
    }

    /** The contact and the deal a draft names, a task event's taken from its task. */
    private static Refs refs(TimelineDraft draft, Map<String, Refs> tasks) {
        if (draft.taskId() == null) {
            return new Refs(draft.contactId(), draft.dealId());
        }
        return tasks.getOrDefault(draft.taskId(), Refs.NONE);
    }

    private void resolveTasks(List<TimelineDraft> drafts, Map<String, Refs> tasks) {
        Set<String> missing = new LinkedHashSet<>();
        for (TimelineDraft draft : drafts) {
            if (draft.taskId() != null && !tasks.containsKey(draft.taskId())) {
                missing.add(draft.taskId());
            }
        }
        for (Map.Entry<String, Document> first : firstEntries(missing).entrySet()) {
            tasks.put(first.getKey(), new Refs(first.getValue().getString("contactId"),
                    first.getValue().getString("dealId")));
        }
        for (String taskId : missing) {
            if (!tasks.containsKey(taskId)) {
                firstEvent(taskId).filter(event -> event.payload() instanceof TaskCreated)
                        .map(event -> (TaskCreated) event.payload())
                        .ifPresent(task -> tasks.put(taskId, new Refs(task.contactId(), task.dealId())));
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
            // cannot happen for a stored deal or task; shown on no timeline rather than stopping the projection
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
