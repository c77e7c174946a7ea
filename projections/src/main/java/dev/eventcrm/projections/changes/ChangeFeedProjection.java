package dev.eventcrm.projections.changes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
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
 * strictly increasing {@code position} from the {@code counters} document named after the collection. Positions
 * may have holes (a crash between allocation and insert), never repeats.
 */
public class ChangeFeedProjection implements Projection {
    public static final String NAME = "change-feed";
    public static final String COLLECTION = "changes";
    public static final String COUNTERS = "counters";

    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> counters;
    private final String counterId;
    private final Duration timeout;

    public ChangeFeedProjection(MongoDatabase database, Duration timeout) {
        this(database, COLLECTION, timeout);
    }

    /** @param collection another name than {@value #COLLECTION} to rebuild into a fresh collection (own counter) */
    public ChangeFeedProjection(MongoDatabase database, String collection, Duration timeout) {
        this.changes = database.getCollection(collection);
        this.counters = database.getCollection(COUNTERS);
        this.counterId = collection;
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
        // A counter lost while the feed survived must not hand out positions already taken.
        Document last = await(changes.find().sort(Sorts.descending("position"))
                .projection(Projections.include("position")).first(), timeout);
        long highest = last == null ? 0 : ((Number) last.get("position")).longValue();
        await(counters.updateOne(Filters.eq("_id", counterId), Updates.max("value", highest),
                new UpdateOptions().upsert(true)), timeout);
    }

    @Override
    public void apply(ParsedEvent event) {
        if (exists(event.eventId())) {
            return; // redelivery: checked before allocating, so duplicates burn no position
        }
        Document counter = await(counters.findOneAndUpdate(Filters.eq("_id", counterId), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)), timeout);
        long position = ((Number) counter.get("value")).longValue();
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
        } catch (RuntimeException e) {
            if (Mongo.isDuplicateKey(e) && exists(event.eventId())) {
                return; // another writer recorded this event meanwhile
            }
            throw e;
        }
    }

    private boolean exists(String eventId) {
        return await(changes.find(Filters.eq("_id", eventId)).projection(Projections.include("_id")).first(),
                timeout) != null;
    }
}
