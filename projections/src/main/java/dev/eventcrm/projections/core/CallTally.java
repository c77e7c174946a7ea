package dev.eventcrm.projections.core;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * Call counters on a document owned by another aggregate (a deal or a contact). Calls come from the Call
 * aggregate, possibly on another partition, so they are idempotent by call id rather than by version, and create a
 * placeholder (version -1) when they arrive before the owner's first event.
 */
public final class CallTally {
    private final MongoCollection<Document> collection;
    private final Document placeholder;
    private final Duration timeout;

    /** @param placeholder the owner-owned fields of a document not created yet, all null; version and counters are added */
    public CallTally(MongoCollection<Document> collection, Document placeholder, Duration timeout) {
        this.collection = collection;
        this.placeholder = new Document(placeholder).append("version", -1L);
        this.placeholder.putAll(defaults());
        this.timeout = timeout;
    }

    /** The counters of a document no call has reached yet. */
    public static Document defaults() {
        return new Document("callCount", 0)
                .append("lastCallOutcome", null)
                .append("lastCallAt", null)
                .append("callIds", new ArrayList<String>());
    }

    public void record(String documentId, String callId, String outcome, Instant occurredAt) {
        try {
            await(collection.updateOne(Filters.eq("_id", documentId),
                    Updates.setOnInsert(new Document(placeholder).append("id", documentId)),
                    new UpdateOptions().upsert(true)), timeout);
        } catch (RuntimeException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            // another writer created the document in between: it exists, which is all this step needs
        }
        await(collection.updateOne(
                Filters.and(Filters.eq("_id", documentId), Filters.ne("callIds", callId)),
                Updates.combine(Updates.push("callIds", callId), Updates.inc("callCount", 1))), timeout);
        // The latest call by business time wins whatever the delivery order; a redelivery rewrites the same values.
        Date at = Date.from(occurredAt);
        await(collection.updateOne(
                Filters.and(Filters.eq("_id", documentId),
                        Filters.or(Filters.eq("lastCallAt", null), Filters.lte("lastCallAt", at))),
                Updates.combine(Updates.set("lastCallOutcome", outcome), Updates.set("lastCallAt", at))), timeout);
    }
}
