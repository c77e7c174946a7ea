package dev.eventcrm.query.pipeline;

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
class PipelineRepository {

    static final String COLLECTION = "pipelines";
    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev");

    private final MongoCollection<Document> pipelines;

    PipelineRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.pipelines = database.getCollection(COLLECTION);
    }

    Flux<Document> findAll() {
        return Flux.from(pipelines.find().projection(HIDDEN).sort(Sorts.ascending("_id")));
    }

    Mono<Document> findById(String id) {
        return Mono.from(pipelines.find(Filters.eq("_id", id)).projection(HIDDEN).first());
    }
}
