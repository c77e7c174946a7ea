package dev.eventcrm.query.stream;

import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

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

@Repository
public class ChangeRepository {

    static final String COLLECTION = "changes";
    static final String HEAD_COLLECTION = "change_feed_head";
    static final String HEAD_ID = "change-feed";
    private static final Bson STREAMED_FIELDS = Projections.fields(
            Projections.include("position", "type", "aggregateId", "recipientId", "envelope"), Projections.excludeId());

    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> heads;

    ChangeRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.changes = database.getCollection(COLLECTION);
        this.heads = database.getCollection(HEAD_COLLECTION);
    }

    /**
     * The durable head the projections publish after each committed batch: no position above it may be read, as a
     * crash may still renumber it. Empty while the document does not exist.
     */
    public Mono<Long> durableHead() {
        return Mono.from(heads.find(Filters.eq("_id", HEAD_ID)).first())
                .map(doc -> ((Number) doc.get("position")).longValue());
    }

    /**
     * The changes at positions {@code after + 1 .. after + window}, in order. Positions are dense, so this finds
     * every change after {@code after} that exists, asked by exact position: a query that any MongoDB answers from
     * the unique position index (mongo-java-server would scan and sort the whole feed for a range or a filter).
     */
    Mono<List<Change>> readWindow(long after, int window) {
        return Flux.from(changes.find(Filters.in("position", positions(after, window))).projection(STREAMED_FIELDS))
                .map(Change::from)
                .sort(Comparator.comparingLong(Change::position))
                .collectList();
    }

    private static List<Long> positions(long after, int window) {
        long from = Math.max(after, 0) + 1;
        return LongStream.range(from, from + window).boxed().toList();
    }
}
