package dev.eventcrm.projections.core;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.eventcrm.events.call.CallLogged;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** Counts {@code call} on the document {@code documentId}; the event's time stands in for a missing call time. */
    public void record(String documentId, CallLogged call, Instant eventTime) {
        record(documentId, call.callId(), call.outcome() == null ? null : call.outcome().name(),
                call.occurredAt() != null ? call.occurredAt() : eventTime);
    }

    public void record(String documentId, String callId, String outcome, Instant occurredAt) {
        Date at = Date.from(occurredAt);
        for (int attempt = 0; attempt < 3; attempt++) {
            // Read and write by _id alone (indexed everywhere); the partition's runner is the only writer.
            Document current = await(collection.find(Filters.eq("_id", documentId)).first(), timeout);
            if (current == null) {
                Document created = new Document(placeholder).append("_id", documentId).append("id", documentId)
                        .append("callIds", new ArrayList<>(List.of(callId))).append("callCount", 1)
                        .append("lastCallOutcome", outcome).append("lastCallAt", at);
                try {
                    await(collection.insertOne(created), timeout);
                    return;
                } catch (RuntimeException e) {
                    if (!Mongo.isDuplicateKey(e)) {
                        throw e;
                    }
                    continue; // created in between: count the call on the stored document
                }
            }
            List<?> counted = current.getList("callIds", Object.class, List.of());
            if (counted.contains(callId)) {
                return; // redelivery
            }
            List<Bson> updates = new ArrayList<>(List.of(Updates.push("callIds", callId), Updates.inc("callCount", 1)));
            Date last = current.getDate("lastCallAt");
            // The latest call by business time wins whatever the delivery order.
            if (last == null || !at.before(last)) {
                updates.add(Updates.set("lastCallOutcome", outcome));
                updates.add(Updates.set("lastCallAt", at));
            }
            await(collection.updateOne(Filters.eq("_id", documentId), Updates.combine(updates)), timeout);
            return;
        }
        throw new IllegalStateException("could not record call " + callId + " on " + documentId);
    }
}
