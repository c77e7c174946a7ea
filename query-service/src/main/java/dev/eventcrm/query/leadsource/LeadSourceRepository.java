package dev.eventcrm.query.leadsource;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** The sources report's reads of {@code lead_source_facts}, written by the projections' lead-sources fold. */
@Repository
class LeadSourceRepository {
    static final String COLLECTION = "lead_source_facts";

    private final MongoCollection<Document> facts;

    LeadSourceRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
    }

    /** The contacts created and the deals opened in [{@code from}, {@code to}). */
    Flux<SourceFact> between(Instant from, Instant to) {
        return Flux.from(facts.find(Filters.and(Filters.gte("at", Date.from(from)), Filters.lt("at", Date.from(to)))))
                .map(SourceFact::from);
    }

    /** The spends of the months {@code first} .. {@code last}; {@code YYYY-MM} strings order as their months do. */
    Flux<SourceFact> spends(YearMonth first, YearMonth last) {
        return Flux.from(facts.find(Filters.and(Filters.gte("month", first.toString()),
                Filters.lte("month", last.toString()), Filters.eq("kind", "SPEND")))).map(SourceFact::from);
    }

    /** Contact -> its current source (null: none), for those of {@code contacts} the read model has. */
    Mono<Map<String, String>> contactSources(Collection<String> contacts) {
        return Flux.from(facts.find(Filters.and(Filters.in("_id", contacts), Filters.eq("kind", "CONTACT"))))
                .collect(HashMap::new, (sources, contact) -> sources.put(contact.getString("_id"),
                        contact.getString("source")));
    }
}
