package dev.eventcrm.projections.changes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.Mongo;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import org.bson.Document;

import java.time.Duration;
import java.util.Date;

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
     * fetch the next ones by exact position, which any MongoDB answers from the unique index.
     */
    @Override
    public void apply(ParsedEvent event) {
        if (exists(event.eventId())) {
            return; // redelivery: checked first, so duplicates take no position
        }
        if (head < 0) {
            head = highestPosition();
        }
        long position = head + 1;
        Document change = new Document("_id", event.eventId())
                .append("position", position)
                .append("type", event.type())
                .append("aggregateType", event.aggregateType())
                .append("aggregateId", event.aggregateId())
                .append("sequence", event.sequence())
                .append("recordedAt", Date.from(event.recordedAt()))
                .append("envelope", event.envelope());
        try {
            await(changes.insertOne(change), timeout);
            head = position;
        } catch (RuntimeException e) {
            if (Mongo.isDuplicateKey(e)) {
                head = -1; // another writer took the position or recorded the event: re-read before the retry
            }
            throw e;
        }
    }

    private long highestPosition() {
        Document last = await(changes.find().sort(Sorts.descending("position"))
                .projection(Projections.include("position")).first(), timeout);
        return last == null ? 0 : ((Number) last.get("position")).longValue();
    }

    private boolean exists(String eventId) {
        return await(changes.find(Filters.eq("_id", eventId)).projection(Projections.include("_id")).first(),
                timeout) != null;
    }
}
