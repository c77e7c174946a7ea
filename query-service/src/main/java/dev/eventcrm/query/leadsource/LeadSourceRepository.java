package dev.eventcrm.query.leadsource;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sources report's reads of {@code lead_source_facts}, written by the projections' lead-sources fold: its buckets
 * and the current sources of contacts, by {@code _id}.
 */
@Repository
class LeadSourceRepository {
    static final String COLLECTION = "lead_source_facts";

    private final MongoCollection<Document> facts;

    LeadSourceRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
    }

    /** The report: its buckets, then the current sources of the contacts of deals opened without one. */
    Mono<LeadSourceView> read(LeadSources report) {
        return buckets(report.bucketIds()).doOnNext(report::add)
                .then(Mono.defer(() -> {
                    Set<String> contacts = report.sourcelessDealContacts();
                    return contacts.isEmpty() ? Mono.just(Map.<String, String>of()) : contactSources(contacts);
                }))
                .map(report::view);
    }

    /** The stored buckets among {@code ids}, their totals only: found by {@code _id}. */
    private Flux<Document> buckets(List<String> ids) {
        return Flux.from(facts.find(Filters.in("_id", ids)).projection(Projections.include("totals")));
    }

    /** Contact -> its current source (null: none), for those of {@code contacts} the read model has. */
    private Mono<Map<String, String>> contactSources(Collection<String> contacts) {
        return Flux.from(facts.find(Filters.and(Filters.in("_id", contacts), Filters.eq("kind", "CONTACT"))))
                .collect(HashMap::new, (sources, contact) -> sources.put(contact.getString("_id"),
                        contact.getString("source")));
    }
}
