package dev.eventcrm.query.invoice;

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
import java.util.List;

import static dev.eventcrm.query.mongo.Documents.longValue;

@Repository
class InvoiceRepository {

    static final String COLLECTION = "invoices";
    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev");

    private final MongoCollection<Document> invoices;

    InvoiceRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.invoices = database.getCollection(COLLECTION);
    }

    Mono<Document> findById(String id) {
        return Mono.from(invoices.find(Filters.eq("_id", id)).projection(HIDDEN).first());
    }

    /**
     * Waits, polling every {@code pollInterval}, until the invoice exists with {@code version >= minVersion};
     * completes empty if that has not happened within {@code timeout}.
     */
    Mono<Document> findAtLeastVersion(String id, long minVersion, Duration timeout, Duration pollInterval) {
        return Mono.defer(() -> findById(id))
                .filter(doc -> longValue(doc, "version", -1) >= minVersion)
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pollInterval)))
                .take(timeout);
    }

    /**
     * Invoices matching every condition, in (dueDate, {@code _id}) order after {@code after}: one more than asked.
     * Due dates are ISO strings, which order as the dates do.
     */
    Mono<List<Document>> findPage(List<Bson> conditions, DueDateCursor after, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        if (after != null) {
            filters.add(Filters.or(Filters.gt("dueDate", after.dueDate()),
                    Filters.and(Filters.eq("dueDate", after.dueDate()), Filters.gt("_id", after.id()))));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(invoices.find(filter).projection(HIDDEN).sort(Sorts.ascending("dueDate", "_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }
}
