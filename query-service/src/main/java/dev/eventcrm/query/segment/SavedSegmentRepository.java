package dev.eventcrm.query.segment;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.segment.LifecycleStage;
import dev.eventcrm.events.segment.RfmSegment;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Date;
import java.util.List;

/** The saved segments' definitions ({@code saved_segments}, written by the projections' saved-segments fold). */
@Repository
class SavedSegmentRepository {
    static final String COLLECTION = "saved_segments";
    /** Deleted segments stay in the collection, flagged. */
    private static final Bson LISTED = Filters.ne("deleted", true);

    private final MongoCollection<Document> segments;

    SavedSegmentRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.segments = database.getCollection(COLLECTION);
    }

    Flux<SavedSegment> all() {
        return Flux.from(segments.find(LISTED)).map(SavedSegmentRepository::segment);
    }

    /** Empty for an unknown or deleted id. */
    Mono<SavedSegment> byId(String id) {
        return Mono.from(segments.find(Filters.and(Filters.eq("_id", id), LISTED)).first())
                .map(SavedSegmentRepository::segment);
    }

    private static SavedSegment segment(Document doc) {
        Document filter = doc.get("filter", Document.class);
        Number version = doc.get("version", Number.class);
        Date createdAt = doc.getDate("createdAt");
        Date savedAt = doc.getDate("savedAt");
        return new SavedSegment(String.valueOf(doc.get("_id")), doc.getString("name"), new SegmentFilter(
                filter.getList("rfmSegments", String.class, List.of()).stream().map(RfmSegment::valueOf).toList(),
                filter.getList("lifecycles", String.class, List.of()).stream().map(LifecycleStage::valueOf).toList(),
                filter.getList("countries", String.class, List.of()),
                filter.getList("cities", String.class, List.of()),
                filter.getList("sources", String.class, List.of()),
                filter.getInteger("minActivities30d"), filter.getInteger("maxActivities30d"),
                filter.getInteger("minActivities90d"), filter.getInteger("maxActivities90d")),
                version == null ? 0 : version.longValue(), createdAt == null ? null : createdAt.toInstant(),
                savedAt == null ? null : savedAt.toInstant());
    }
}
