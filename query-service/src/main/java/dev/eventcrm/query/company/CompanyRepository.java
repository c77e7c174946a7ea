package dev.eventcrm.query.company;

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

@Repository
class CompanyRepository {

    static final String COLLECTION = "companies";

    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev", "search");

    private final MongoCollection<Document> companies;

    CompanyRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.companies = database.getCollection(COLLECTION);
    }

    Mono<Document> findById(String id) {
        return find(Filters.eq("_id", id));
    }

    /**
     * Waits, polling every {@code pollInterval}, until the company matches {@code condition}; completes empty if that
     * has not happened within {@code timeout}.
     */
    Mono<Document> findWhen(String id, Bson condition, Duration timeout, Duration pollInterval) {
        return Mono.defer(() -> find(Filters.and(Filters.eq("_id", id), condition)))
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pollInterval)))
                .take(timeout);
    }

    /** Companies matching every condition, in {@code _id} order after {@code afterId}: one more than asked. */
    Mono<List<Document>> findPage(List<Bson> conditions, String afterId, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        if (afterId != null) {
            filters.add(Filters.gt("_id", afterId));
        }
        return Flux.from(companies.find(Filters.and(filters)).projection(HIDDEN).sort(Sorts.ascending("_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }

    private Mono<Document> find(Bson filter) {
        return Mono.from(companies.find(filter).projection(HIDDEN).first());
    }
}
