package dev.eventcrm.query.funnel;

import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import dev.eventcrm.query.stream.ChangeRepository;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@link FunnelTable} reads: {@code deal_funnel} whole or by {@code _id}, the projection's catalog entry, and the
 * deals' entries of the change feed by exact position (answered from the unique {@code position} index, where a range
 * would make mongo-java-server scan the feed).
 */
@Repository
class FunnelRepository {

    static final String COLLECTION = "deal_funnel";
    static final String PROJECTION = "deal-funnel";
    private static final String DEAL = "Deal";
    private static final int POSITIONS_PER_READ = 500;
    /** What {@link FunnelDeal} reads: the embedded server's cost per answer grows with the fields it encodes. */
    private static final Bson FIELDS = Projections.include("pipelineId", "ownerAtOpening", "source", "version",
            "openedAt", "stage", "status", "closedAt", "lossStage", "lossReason", "amount", "stays");
    private static final Bson CHANGE_FIELDS = Projections.include("aggregateType", "aggregateId", "sequence");

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> catalog;
    private final MongoCollection<Document> changes;
    private final ChangeRepository feed;

    FunnelRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database, ChangeRepository feed) {
        this.facts = database.getCollection(COLLECTION);
        this.catalog = database.getCollection("projection_catalog");
        this.changes = database.getCollection("changes");
        this.feed = feed;
    }

    /** Every stored deal. */
    Flux<FunnelDeal> all() {
        return Flux.from(facts.find().projection(FIELDS)).map(FunnelDeal::from);
    }

    /** The stored deals among {@code ids}. */
    Flux<FunnelDeal> deals(Collection<String> ids) {
        return Flux.from(facts.find(Filters.in("_id", List.copyOf(ids))).projection(FIELDS)).map(FunnelDeal::from);
    }

    /**
     * What identifies the live collection's generation: the projection's version, state and its last rebuild's
     * bounds (a switch-over writes a new entry); not a running rebuild's progress. Empty before the first entry.
     */
    Mono<String> generation() {
        return Mono.from(catalog.find(Filters.eq("_id", PROJECTION)).first()).map(entry -> {
            Document rebuild = entry.get("rebuild", Document.class);
            return entry.get("version") + "|" + entry.get("state") + "|"
                    + (rebuild == null ? "" : rebuild.get("startedAt") + "|" + rebuild.get("finishedAt"));
        }).defaultIfEmpty("");
    }

    /** The change feed's durable head: every change at or below it is committed, as are the read models it changed. */
    Mono<Long> head() {
        return feed.durableHead().defaultIfEmpty(0L);
    }

    /**
     * The deals' changes at positions {@code after + 1 .. upTo} (holes are allowed), in no particular order; asked
     * {@value #POSITIONS_PER_READ} positions at a time.
     */
    Flux<DealChange> dealChanges(long after, long upTo) {
        return Flux.fromStream(LongStream.iterate(after, from -> from < upTo, from -> from + POSITIONS_PER_READ).boxed())
                .concatMap(from -> Flux.from(changes.find(Filters.in("position", LongStream.rangeClosed(from + 1,
                        Math.min(upTo, from + POSITIONS_PER_READ)).boxed().toList())).projection(CHANGE_FIELDS)))
                .filter(change -> DEAL.equals(change.getString("aggregateType")))
                .map(change -> new DealChange(change.getString("aggregateId"),
                        ((Number) change.get("sequence")).longValue()));
    }

    /** A deal's event in the change feed: its sequence in the deal's stream. */
    record DealChange(String dealId, long sequence) {
    }
}
