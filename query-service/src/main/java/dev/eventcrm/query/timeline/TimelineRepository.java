package dev.eventcrm.query.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

/** The {@code timeline} entries, and what a timeline request needs to know of the contacts and deals read models. */
@Repository
class TimelineRepository {

    static final String COLLECTION = "timeline";
    private static final String CONTACTS = "contacts";
    private static final String DEALS = "deals";
    private static final int MAX_MERGE_HOPS = 8;
    /** version -1: a placeholder the projections made for calls that arrived before the record's creation. */
    private static final Bson CREATED = Filters.ne("version", -1);

    private final MongoCollection<Document> timeline;
    private final MongoCollection<Document> contacts;
    private final MongoCollection<Document> deals;

    TimelineRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.timeline = database.getCollection(COLLECTION);
        this.contacts = database.getCollection(CONTACTS);
        this.deals = database.getCollection(DEALS);
    }

    Mono<Boolean> dealExists(String id) {
        return Mono.from(deals.find(Filters.and(Filters.eq("_id", id), CREATED))
                .projection(Projections.include("_id")).first()).hasElement();
    }

    /**
     * The created contact an id stands for: the one it was merged into (following a survivor merged later, a few
     * hops at most), else itself; empty when there is no such contact.
     */
    Mono<String> survivorOf(String id) {
        return survivorOf(id, MAX_MERGE_HOPS);
    }

    private Mono<String> survivorOf(String id, int hops) {
        return Mono.from(contacts.find(Filters.and(Filters.eq("_id", id), CREATED))
                        .projection(Projections.include("mergedInto")).first())
                .flatMap(doc -> doc.getString("mergedInto") == null || hops == 0 ? Mono.just(id)
                        : survivorOf(doc.getString("mergedInto"), hops - 1));
    }

    /** The contact and every contact merged into it, directly or through another duplicate. */
    Mono<List<String>> withMergedContacts(String survivorId) {
        Set<String> found = new LinkedHashSet<>(List.of(survivorId));
        return mergedInto(List.of(survivorId), found, MAX_MERGE_HOPS).thenReturn(found).map(ArrayList::new);
    }

    private Mono<Void> mergedInto(Collection<String> survivors, Set<String> found, int hops) {
        if (survivors.isEmpty() || hops == 0) {
            return Mono.empty();
        }
        return Flux.from(contacts.find(Filters.in("mergedInto", survivors)).projection(Projections.include("_id")))
                .map(doc -> String.valueOf(doc.get("_id")))
                .filter(found::add)
                .collectList()
                .flatMap(duplicates -> mergedInto(duplicates, found, hops - 1));
    }

    /**
     * Entries whose {@code field} is one of {@code ids}, of the given kinds (all when empty), newest first by
     * {@code (occurredAt, _id)}, strictly after {@code after}: one more than asked.
     */
    Mono<List<Document>> findPage(String field, List<String> ids, Set<String> kinds, TimelineCursor after,
                                  int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(ids.size() == 1 ? Filters.eq(field, ids.get(0)) : Filters.in(field, ids));
        if (!kinds.isEmpty()) {
            filters.add(Filters.in("kind", kinds));
        }
        if (after != null) {
            Date at = Date.from(after.occurredAt());
            filters.add(Filters.or(Filters.lt("occurredAt", at),
                    Filters.and(Filters.eq("occurredAt", at), Filters.lt("_id", after.id()))));
        }
        return Flux.from(timeline.find(Filters.and(filters)).sort(Sorts.descending("occurredAt", "_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }
}
