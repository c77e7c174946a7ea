package dev.eventcrm.query.funnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The funnel's reads of {@code deal_funnel}: one cohort by (pipelineId, openedAt), owner and source on top. */
@Repository
class FunnelRepository {

    static final String COLLECTION = "deal_funnel";
    /** What {@link FunnelFacts} reads: the embedded server's cost per answer grows with the fields it encodes. */
    private static final Bson FIELDS = Projections.include("openedAt", "stage", "status", "closedAt", "lossStage",
            "lossReason", "amount", "stays");

    private final MongoCollection<Document> facts;

    FunnelRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
    }

    /** The deals of the pipeline opened in [from, to), by the owner they were opened by and their source if given. */
    Mono<List<FunnelFacts>> cohort(String pipelineId, Instant from, Instant to, String ownerId, String source) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("pipelineId", pipelineId),
                Filters.gte("openedAt", Date.from(from)), Filters.lt("openedAt", Date.from(to))));
        if (ownerId != null) {
            conditions.add(Filters.eq("ownerAtOpening", ownerId));
        }
        if (source != null) {
            conditions.add(Filters.eq("source", source));
        }
        return Flux.from(facts.find(Filters.and(conditions)).projection(FIELDS))
                .map(FunnelFacts::from).collectList();
    }
}
