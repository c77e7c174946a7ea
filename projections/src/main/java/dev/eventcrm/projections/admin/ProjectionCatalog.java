package dev.eventcrm.projections.admin;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * One document per projection in {@code projection_catalog}: the version its live collection holds, whether a
 * rebuild runs and its progress. query-service reads it to put rebuild progress on the SSE stream.
 */
public class ProjectionCatalog {
    public static final String COLLECTION = "projection_catalog";

    /** A catalog entry; {@code rebuild} is null when no rebuild ran. */
    public record Entry(String name, int version, String state, boolean rebuildable,
                        ProjectionStatus.Rebuild rebuild) {
    }

    private final MongoCollection<Document> catalog;
    private final Duration timeout;

    public ProjectionCatalog(MongoDatabase database, Duration timeout) {
        this.catalog = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(await(catalog.find(Filters.eq("_id", name)).first(), timeout)).map(doc -> {
            Document rebuild = doc.get("rebuild", Document.class);
            return new Entry(name, ((Number) doc.get("version")).intValue(), doc.getString("state"),
                    Boolean.TRUE.equals(doc.getBoolean("rebuildable")), rebuild == null ? null
                    : new ProjectionStatus.Rebuild(((Number) rebuild.get("eventsDone")).longValue(),
                    ((Number) rebuild.get("eventsTotal")).longValue(),
                    ((Number) rebuild.get("eventsPerSecond")).doubleValue(), instant(rebuild.getDate("startedAt")),
                    instant(rebuild.getDate("finishedAt"))));
        });
    }

    public void save(Entry entry) {
        ProjectionStatus.Rebuild rebuild = entry.rebuild();
        Document doc = new Document("_id", entry.name()).append("name", entry.name())
                .append("version", entry.version()).append("state", entry.state())
                .append("rebuildable", entry.rebuildable())
                .append("rebuild", rebuild == null ? null : new Document("eventsDone", rebuild.eventsDone())
                        .append("eventsTotal", rebuild.eventsTotal())
                        .append("eventsPerSecond", rebuild.eventsPerSecond())
                        .append("startedAt", date(rebuild.startedAt()))
                        .append("finishedAt", date(rebuild.finishedAt())));
        Flux.from(catalog.replaceOne(Filters.eq("_id", entry.name()), doc, new ReplaceOptions().upsert(true)))
                .blockLast(timeout);
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Date date(java.time.Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
