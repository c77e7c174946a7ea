package dev.eventcrm.query.contact;

import java.time.Duration;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class ContactRepository {

    static final String COLLECTION = "contacts";

    private final MongoCollection<Document> contacts;

    ContactRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.contacts = database.getCollection(COLLECTION);
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

    private Mono<Document> find(String id, Bson condition) {
        return Mono.from(contacts.find(Filters.and(Filters.eq("_id", id), condition))
                .projection(Projections.exclude("applied"))
                .first());
    }
}
