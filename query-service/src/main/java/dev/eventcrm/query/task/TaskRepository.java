package dev.eventcrm.query.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.query.mongo.Documents.longValue;

@Repository
class TaskRepository {

    static final String COLLECTION = "tasks";
    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev");

    private final MongoCollection<Document> tasks;

    TaskRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.tasks = database.getCollection(COLLECTION);
    }

    Mono<Document> findById(String id) {
        return Mono.from(tasks.find(Filters.eq("_id", id)).projection(HIDDEN).first());
    }

    /**
     * Waits, polling every {@code pollInterval}, until the task exists with {@code version >= minVersion}; completes
     * empty if that has not happened within {@code timeout}.
     */
    Mono<Document> findAtLeastVersion(String id, long minVersion, Duration timeout, Duration pollInterval) {
        return Mono.defer(() -> findById(id))
                .filter(doc -> longValue(doc, "version", -1) >= minVersion)
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pollInterval)))
                .take(timeout);
    }

    /** Tasks matching every condition, in (dueAt, {@code _id}) order after {@code after}: one more than asked. */
    Mono<List<Document>> findPage(List<Bson> conditions, DueCursor after, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        if (after != null) {
            Date due = Date.from(after.dueAt());
            filters.add(Filters.or(Filters.gt("dueAt", due),
                    Filters.and(Filters.eq("dueAt", due), Filters.gt("_id", after.id()))));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(tasks.find(filter).projection(HIDDEN).sort(Sorts.ascending("dueAt", "_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }
}
