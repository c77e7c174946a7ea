package dev.eventcrm.query.contact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
class ContactRepository {

    static final String COLLECTION = "contacts";
    private static final String COMPANIES = "companies";

    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev", "search");

    private static final int MAX_MERGE_HOPS = 8;

    private final MongoCollection<Document> contacts;
    private final MongoCollection<Document> companies;

    ContactRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.contacts = database.getCollection(COLLECTION);
        this.companies = database.getCollection(COMPANIES);
    }

    /**
     * Only created contacts: version -1 marks a placeholder the projection made for calls that arrived before the
     * contact's creation event.
     */
    Mono<Document> findCreated(String id) {
        return find(id, Filters.ne("version", -1));
    }

    /**
     * Waits, polling every {@code pollInterval}, until the created contact also matches {@code condition}; completes
     * empty if that has not happened within {@code timeout}.
     */
    Mono<Document> findCreatedWhen(String id, Bson condition, Duration timeout, Duration pollInterval) {
        return Mono.defer(() -> find(id, Filters.and(Filters.ne("version", -1), condition)))
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pollInterval)))
                .take(timeout);
    }

    /** Created contacts matching every condition, in {@code _id} order after {@code afterId}: one more than asked. */
    /**
     * The contact an id stands for: the one it was merged into (following a survivor merged later, a few hops at
     * most), else itself.
     */
    Mono<String> survivorOf(String id) {
        return survivorOf(id, MAX_MERGE_HOPS);
    }

    private Mono<String> survivorOf(String id, int hops) {
        return Mono.from(contacts.find(Filters.eq("_id", id)).projection(Projections.include("mergedInto")).first())
                .flatMap(doc -> doc.getString("mergedInto") == null || hops == 0 ? Mono.just(id)
                        : survivorOf(doc.getString("mergedInto"), hops - 1))
                .defaultIfEmpty(id);
    }

    Mono<List<Document>> findPage(List<Bson> conditions, String afterId, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        filters.add(Filters.ne("version", -1));
        if (afterId != null) {
            filters.add(Filters.gt("_id", afterId));
        }
        return Flux.from(contacts.find(Filters.and(filters)).projection(HIDDEN).sort(Sorts.ascending("_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }

    private Mono<Document> find(String id, Bson condition) {
        return Mono.from(contacts.find(Filters.and(Filters.eq("_id", id), condition))
                .projection(HIDDEN)
                .first());
    }

    /** Company id -> name now, for those of {@code ids} the companies read model knows with a name. */
    Mono<Map<String, String>> companyNames(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(companies.find(Filters.in("_id", ids)).projection(Projections.include("name")))
                .filter(company -> company.getString("name") != null)
                .collectMap(company -> String.valueOf(company.get("_id")), company -> company.getString("name"));
    }
}
