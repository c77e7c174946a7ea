package dev.eventcrm.query.stream;

import java.util.List;

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
class ChangeRepository {

    static final String COLLECTION = "changes";
    private static final Bson STREAMED_FIELDS = Projections.fields(
            Projections.include("position", "type", "envelope"), Projections.excludeId());

    private final MongoCollection<Document> changes;

    ChangeRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.changes = database.getCollection(COLLECTION);
    }

    /** The highest position written so far; empty while the feed is empty. */
    Mono<Long> maxPosition() {
        return Mono.from(changes.find()
                        .projection(Projections.fields(Projections.include("position"), Projections.excludeId()))
                        .sort(Sorts.descending("position"))
                        .limit(1)
                        .first())
                .map(doc -> ((Number) doc.get("position")).longValue());
    }

    /** Up to {@code limit} matching changes with a position above {@code after}, in position order. */
    Mono<List<Change>> readAfter(long after, ChangeFilter filter, int limit) {
        return Flux.from(changes.find(filter.after(after))
                        .projection(STREAMED_FIELDS)
                        .sort(Sorts.ascending("position"))
                        .limit(limit)
                        .batchSize(limit))
                .map(Change::from)
                .collectList();
    }
}
