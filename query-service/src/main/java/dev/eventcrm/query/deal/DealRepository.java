package dev.eventcrm.query.deal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

import static dev.eventcrm.query.mongo.Documents.longValue;

@Repository
class DealRepository {

    static final String COLLECTION = "deals";
    private static final Bson HIDDEN = Projections.exclude("applied");

    private final MongoCollection<Document> deals;

    DealRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.deals = database.getCollection(COLLECTION);
    }

    Mono<Document> findById(String id) {
        return Mono.from(deals.find(Filters.eq("_id", id)).projection(HIDDEN).first());
    }

    /**
     * Waits, polling every {@code pollInterval}, until the deal exists with {@code version >= minVersion}; completes
     * empty if that has not happened within {@code timeout}.
     */
    Mono<Document> findAtLeastVersion(String id, long minVersion, Duration timeout, Duration pollInterval) {
        return Mono.defer(() -> findById(id))
                .filter(doc -> longValue(doc, "version", -1) >= minVersion)
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pollInterval)))
                .take(timeout);
    }

    /** Deals matching every condition, in {@code _id} order after {@code afterId}: one more than asked. */
    Mono<List<Document>> findPage(List<Bson> conditions, String afterId, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        if (afterId != null) {
            filters.add(Filters.gt("_id", afterId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(deals.find(filter).projection(HIDDEN).sort(Sorts.ascending("_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }
}
