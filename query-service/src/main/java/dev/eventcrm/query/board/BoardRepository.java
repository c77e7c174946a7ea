package dev.eventcrm.query.board;

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

/** The board's reads of {@code deals}. */
@Repository
class BoardRepository {

    static final String COLLECTION = "deals";
    static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.ascending("_id"));
    private static final Bson HIDDEN = Projections.exclude("applied");

    private final MongoCollection<Document> deals;

    BoardRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.deals = database.getCollection(COLLECTION);
    }

    /** Only the stage and amount of every deal of the pipeline: what its totals need. */
    Flux<Document> stagesAndAmounts(String pipelineId) {
        return Flux.from(deals.find(Filters.eq("pipelineId", pipelineId))
                .projection(Projections.include("stage", "amount")));
    }

    /** The stage's most recently updated deals; equal times in id order, so a page is stable. */
    Mono<List<Document>> newest(String pipelineId, String stage, int limit) {
        return Flux.from(deals.find(Filters.and(Filters.eq("pipelineId", pipelineId), Filters.eq("stage", stage)))
                        .projection(HIDDEN).sort(NEWEST_FIRST).limit(limit).batchSize(limit))
                .collectList();
    }
}
