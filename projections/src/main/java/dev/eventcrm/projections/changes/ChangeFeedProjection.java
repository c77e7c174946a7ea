package dev.eventcrm.projections.changes;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.projections.core.Mongo;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * The change feed behind Server-Sent Events: one document per distinct event in {@code changes}, numbered by a
 * dense, strictly increasing {@code position} (1, 2, 3, ...), which is also its {@code _id}: new entries append at
 * the end of the {@code _id} order instead of landing all over it (as random event ids would), which keeps a
 * batch's writes to the last pages of a B-tree store; {@code eventId} is unique, so an event takes one position. A position is only taken at the highest stored one + 1
 * and the unique index refuses a taken one, so concurrent writers collide and renumber instead of leaving holes, and
 * positions become visible in order. Readers must not pass the durable head ({@link #HEAD_COLLECTION}), which is
 * published only once the positions below it are committed: above it, a crash of the embedded store could still
 * renumber. Never rebuilt: clients hold positions.
 */
public class ChangeFeedProjection implements Projection {
    public static final String NAME = "change-feed";
    public static final String COLLECTION = "changes";
    public static final String HEAD_COLLECTION = "change_feed_head";
    public static final String HEAD_ID = "change-feed";
    public static final String EVENT_ID = "eventId";

    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> heads;
    private final Duration timeout;
    /** Highest position written; -1 until read from the collection. */
    private long head = -1;

    public ChangeFeedProjection(MongoDatabase database, Duration timeout) {
        this.changes = database.getCollection(COLLECTION);
        this.heads = database.getCollection(HEAD_COLLECTION);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public boolean rebuildable() {
        return false;
    }

    @Override
    public void prepare() {
        // Same spec and default name as query-service's index: MongoDB rejects one key pattern under two names.
        await(changes.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true)), timeout);
        keepEventIdsOfEarlierEntries();
        await(changes.createIndex(Indexes.ascending(EVENT_ID), new IndexOptions().unique(true)), timeout);
        head = highestPosition();
    }

    /** Entries written before positions became the {@code _id} carry their event id only as {@code _id}. */
    private void keepEventIdsOfEarlierEntries() {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Flux.from(changes.find(Filters.exists(EVENT_ID, false)).projection(Projections.include("_id")))
                .toIterable().forEach(doc -> writes.add(new UpdateOneModel<>(Filters.eq("_id", doc.get("_id")),
                        Updates.set(EVENT_ID, doc.get("_id")))));
        if (!writes.isEmpty()) {
            Flux.from(changes.bulkWrite(writes, new BulkWriteOptions().ordered(false))).blockLast(timeout);
        }
    }

    /**
     * Numbers the batch's new events after the highest stored position and inserts them with one insertMany. The
     * first try assumes that none of them is stored yet (the common case): the unique {@code eventId} and
     * {@code _id} indexes refuse a redelivered event or a position another writer took, and only then are the stored
     * events looked up and the head read again.
     */
    @Override
    public void applyBatch(List<ParsedEvent> events) {
        Map<String, Document> pending = new LinkedHashMap<>();
        for (ParsedEvent event : events) {
            pending.putIfAbsent(event.eventId(), new Document(EVENT_ID, event.eventId())
                    .append("type", event.type())
                    .append("aggregateType", event.aggregateType())
                    .append("aggregateId", event.aggregateId())
                    .append("recipientId", recipientId(event.payload()))
                    .append("sequence", event.sequence())
                    .append("recordedAt", Date.from(event.recordedAt()))
                    .append("envelope", event.envelope()));
        }
        if (pending.isEmpty()) {
            return;
        }
        if (head >= 0) {
            try {
                insert(pending);
                return;
            } catch (RuntimeException e) {
                if (!Mongo.isDuplicateKey(e)) {
                    throw e;
                }
                // a redelivery, or a position another writer took: the ordered insert stopped there
            }
        }
        // Redeliveries, and whatever an earlier attempt managed to write, are dropped before numbering.
        Flux.from(changes.find(Filters.in(EVENT_ID, pending.keySet())).projection(Projections.include(EVENT_ID)))
                .map(doc -> doc.getString(EVENT_ID)).collectList().blockOptional(timeout)
                .ifPresent(written -> written.forEach(pending::remove));
        if (!pending.isEmpty()) {
            head = highestPosition();
            insert(pending);
        }
    }

    /** The user a change is addressed to, so that the stream can send it to them alone; null for most changes. */
    static String recipientId(Record payload) {
        if (payload instanceof TaskReminderDue reminder) {
            return reminder.assigneeId();
        }
        if (payload instanceof TaskCreated created) {
            return created.assigneeId();
        }
        return payload instanceof TaskReassigned reassigned ? reassigned.assigneeId() : null;
    }

    /** Inserts the entries at the positions after {@link #head}, in order, and advances it. */
    private void insert(Map<String, Document> pending) {
        long position = head;
        for (Document change : pending.values()) {
            ++position;
            change.put("_id", position);
            change.put("position", position);
        }
        try {
            await(changes.insertMany(new ArrayList<>(pending.values()), new InsertManyOptions().ordered(true)), timeout);
        } catch (RuntimeException e) {
            head = -1; // a prefix may be written or a position taken by another writer: re-read before the retry
            throw e;
        }
        head = position;
    }

    /**
     * Publishes the highest position written as durable; the caller has just committed everything written. Only
     * ever raises the stored head.
     *
     * @return the head now published
     */
    public long publishDurableHead() {
        long durable = head < 0 ? highestPosition() : head;
        await(heads.updateOne(Filters.eq("_id", HEAD_ID), Updates.max("position", durable),
                new UpdateOptions().upsert(true)), timeout);
        return durable;
    }

    private long highestPosition() {
        Document last = await(changes.find().sort(Sorts.descending("position"))
                .projection(Projections.include("position")).first(), timeout);
        return last == null ? 0 : ((Number) last.get("position")).longValue();
    }
}
