package dev.eventcrm.projections.core;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.history.EventHistoryException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * Documents owned by one aggregate (one per aggregate id), each carrying {@code version} = the sequence of the last
 * event applied to it (-1: placeholder created by another aggregate's event). An event applies only at
 * {@code version + 1}; older ones are duplicates; newer ones reveal a gap, healed from the {@link EventHistory}.
 * The runner that owns the aggregate's partition is its only writer, so the version is checked on the document just
 * read and the update is addressed by {@code _id} alone: the one filter every MongoDB implementation answers from an
 * index (mongo-java-server scans the whole collection for any compound filter).
 */
public final class VersionedDocuments {
    private static final Logger log = LoggerFactory.getLogger(VersionedDocuments.class);
    private static final int MAX_ATTEMPTS = 10;

    /** The aggregate-owned fields an event sets, given the stored document (null when absent). */
    @FunctionalInterface
    public interface Change {
        Bson update(ParsedEvent event, Document current);
    }

    private final MongoCollection<Document> collection;
    private final EventHistory history;
    private final Change change;
    private final Document onInsert;
    private final Duration timeout;

    /**
     * @param onInsert fields a document created by its aggregate's first event starts with besides those the change
     *                 sets (they must not overlap)
     */
    public VersionedDocuments(MongoCollection<Document> collection, EventHistory history, Change change,
                              Document onInsert, Duration timeout) {
        this.collection = collection;
        this.history = history;
        this.change = change;
        this.onInsert = onInsert;
        this.timeout = timeout;
    }

    public void fold(ParsedEvent event) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document current = await(collection.find(Filters.eq("_id", event.aggregateId())).first(), timeout);
            long version = versionOf(current);
            if (event.sequence() <= version) {
                return;
            }
            if (event.sequence() > version + 1) {
                heal(event, version + 1);
                continue;
            }
            if (tryApply(event, current, version)) {
                return;
            }
        }
        throw new ConcurrentModificationException(collection.getNamespace() + " " + event.aggregateId()
                + " kept changing while applying sequence " + event.sequence());
    }

    private boolean tryApply(ParsedEvent event, Document current, long version) {
        List<Bson> updates = new ArrayList<>();
        updates.add(change.update(event, current));
        updates.add(Updates.set("version", event.sequence()));
        boolean creating = version < 0;
        if (creating && !onInsert.isEmpty()) {
            updates.add(Updates.setOnInsert(onInsert));
        }
        Bson filter = Filters.eq("_id", event.aggregateId());
        try {
            UpdateResult result = await(collection.updateOne(filter, Updates.combine(updates),
                    new UpdateOptions().upsert(creating)), timeout);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (RuntimeException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false; // created concurrently: re-read and decide again
            }
            throw e;
        }
    }

    private void heal(ParsedEvent event, long from) {
        List<ParsedEvent> loaded = history.load(event.aggregateId(), from);
        long expected = from;
        for (ParsedEvent past : loaded) {
            if (past.sequence() >= event.sequence()) {
                break;
            }
            if (past.sequence() != expected || !past.aggregateId().equals(event.aggregateId())) {
                throw new EventHistoryException("history of " + event.aggregateId() + " is not contiguous: expected "
                        + "sequence " + expected + " of that aggregate, got " + past.aggregateId() + "@" + past.sequence());
            }
            fold(past);
            expected++;
        }
        if (expected < event.sequence()) {
            throw new EventHistoryException("history of " + event.aggregateId() + " lacks sequences " + expected
                    + ".." + (event.sequence() - 1));
        }
        log.info("Healed a gap in {} {}: applied sequences {}..{} from the event history before {}",
                collection.getNamespace().getCollectionName(), event.aggregateId(), from, event.sequence() - 1,
                event.sequence());
    }

    static long versionOf(Document document) {
        if (document == null || !(document.get("version") instanceof Number number)) {
            return -1;
        }
        return number.longValue();
    }
}
