package dev.eventcrm.query.segment;

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
import reactor.core.publisher.Flux;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The segments' reads: {@code customer_facts} (one document per deal and per activity, written by the projections'
 * customer-value fold) and the created contacts' dimensions.
 */
@Repository
class SegmentRepository {
    static final String COLLECTION = "customer_facts";
    /** Activities older than this count for no engagement window. */
    static final Duration ENGAGEMENT_WINDOW = Duration.ofDays(90);
    /** What {@link Fact} reads (not the fold's bookkeeping): the embedded server's cost grows with the fields. */
    private static final Bson FACT_FIELDS = Projections.include("kind", "contactId", "status", "amount", "at", "wonAt");
    private static final Bson CONTACT_FIELDS = Projections.include("mergedInto", "archived", "country", "city",
            "source");

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> contacts;

    SegmentRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
        this.contacts = database.getCollection("contacts");
    }

    /** Open and won deals, and the activities of the engagement window before {@code now}. */
    Mono<List<Fact>> facts(Instant now) {
        Bson deals = Filters.and(Filters.eq("kind", "DEAL"), Filters.in("status", "OPEN", "WON"));
        Bson activities = Filters.and(Filters.eq("kind", "ACTIVITY"),
                Filters.gt("at", Date.from(now.minus(ENGAGEMENT_WINDOW))));
        return Flux.concat(facts.find(deals).projection(FACT_FIELDS), facts.find(activities).projection(FACT_FIELDS))
                .map(SegmentRepository::fact).collectList();
    }

    /** Created contacts (version -1 is a placeholder for calls that came before the contact's creation). */
    Mono<List<ContactRow>> contacts() {
        return Flux.from(contacts.find(Filters.ne("version", -1)).projection(CONTACT_FIELDS))
                .map(doc -> new ContactRow(String.valueOf(doc.get("_id")), doc.getString("mergedInto"),
                        Boolean.TRUE.equals(doc.getBoolean("archived")), doc.getString("country"),
                        doc.getString("city"), doc.getString("source")))
                .collectList();
    }

    private static Fact fact(Document doc) {
        Document amount = doc.get("amount", Document.class);
        Date at = doc.getDate("at");
        Date wonAt = doc.getDate("wonAt");
        return new Fact("DEAL".equals(doc.getString("kind")), doc.getString("contactId"), doc.getString("status"),
                amount == null ? null : new BigDecimal(amount.getString("value")),
                amount == null ? null : amount.getString("currency"), at == null ? null : at.toInstant(),
                wonAt == null ? null : wonAt.toInstant());
    }
}
