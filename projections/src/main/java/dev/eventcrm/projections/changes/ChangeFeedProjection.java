package dev.eventcrm.projections.changes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
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
 * dense, strictly increasing {@code position} (1, 2, 3, ...) that the single writer takes only after writing the
 * previous one.
 */
public class ChangeFeedProjection implements Projection {
    public static final String NAME = "change-feed";
    public static final String COLLECTION = "changes";

    private final MongoCollection<Document> changes;
    private final Duration timeout;
    /** Highest position written; -1 until read from the collection. This projection is the feed's single writer. */
    private long head = -1;
    /** Changes applied but not yet written, in the order applied, by event id. */
    private final Map<String, Document> pending = new LinkedHashMap<>();

    public ChangeFeedProjection(MongoDatabase database, Duration timeout) {
        this(database, COLLECTION, timeout);
    }

    /** @param collection another name than {@value #COLLECTION} to rebuild into a fresh collection */
    public ChangeFeedProjection(MongoDatabase database, String collection, Duration timeout) {
        this.changes = database.getCollection(collection);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void prepare() {
        // Same spec and default name as query-service's index: MongoDB rejects one key pattern under two names.
        await(changes.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true)), timeout);
        head = highestPosition();
    }

    /**
     * Positions are dense (1, 2, 3, ...) and a position is only taken once the previous one is written, so readers can
     * fetch the next ones by exact position, which any MongoDB answers from the unique index. Changes are buffered
     * and written together by {@link #flush()}: a few requests per polled batch rather than per event.
     */
    @Override
    public void apply(ParsedEvent event) {
        pending.putIfAbsent(event.eventId(), new Document("_id", event.eventId())
                .append("type", event.type())
                .append("aggregateType", event.aggregateType())
                .append("aggregateId", event.aggregateId())
                .append("sequence", event.sequence())
                .append("recordedAt", Date.from(event.recordedAt()))
                .append("envelope", event.envelope()));
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // Redeliveries, and whatever a failed attempt managed to write, are dropped before numbering.
        Flux.from(changes.find(Filters.in("_id", pending.keySet())).projection(Projections.include("_id")))
                .map(doc -> doc.get("_id")).collectList().blockOptional(timeout)
                .ifPresent(written -> written.forEach(pending::remove));
        if (pending.isEmpty()) {
            return;
        }
        if (head < 0) {
            head = highestPosition();
        }
        long position = head;
        for (Document change : pending.values()) {
            change.put("position", ++position);
        }
        try {
            await(changes.insertMany(new ArrayList<>(pending.values()), new InsertManyOptions().ordered(true)), timeout);
        } catch (RuntimeException e) {
            head = -1; // a prefix may be written or a position taken by another writer: re-read before the retry
            throw e;
        }
        head = position;
        pending.clear();
    }

    private long highestPosition() {
        Document last = await(changes.find().sort(Sorts.descending("position"))
                .projection(Projections.include("position")).first(), timeout);
        return last == null ? 0 : ((Number) last.get("position")).longValue();
    }
}
