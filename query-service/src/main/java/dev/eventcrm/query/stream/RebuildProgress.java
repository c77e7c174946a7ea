package dev.eventcrm.query.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns changes of the projections' {@code projection_catalog} documents into {@code ProjectionRebuildProgress}
 * frames. Only the hub's reader thread calls {@link #changes()}, so the last-seen state needs no lock.
 */
@Component
class RebuildProgress {

    static final String COLLECTION = "projection_catalog";
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoCollection<Document> catalog;
    /** Per projection, its last seen {@code state} and {@code rebuild}. */
    private final Map<String, List<Object>> seen = new HashMap<>();

    RebuildProgress(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.catalog = database.getCollection(COLLECTION);
    }

    /**
     * One frame per projection whose rebuild changed since the last call. The first time a projection is seen, it is
     * reported only while it rebuilds, so that subscribers arriving later are not told about old rebuilds.
     */
    Mono<List<Frame>> changes() {
        return Flux.from(catalog.find()).collectList().map(documents -> {
            List<Frame> frames = new ArrayList<>();
            for (Document doc : documents) {
                String name = doc.get("_id").toString();
                Object rebuild = doc.get("rebuild");
                List<Object> now = Arrays.asList(doc.get("state"), rebuild);
                List<Object> before = seen.put(name, now);
                boolean report = before == null ? rebuild != null && "REBUILDING".equals(doc.get("state"))
                        : !Objects.equals(before, now);
                if (report) {
                    frames.add(Frame.rebuildProgress(json(doc)));
                }
            }
            return frames;
        });
    }

    /** Forgets what was seen: the next call reports as if for the first time. */
    void reset() {
        seen.clear();
    }

    private static String json(Document doc) {
        Document message = new Document("name", doc.get("name", doc.get("_id")))
                .append("version", doc.get("version"))
                .append("state", doc.get("state"))
                .append("rebuild", isoDates(doc.get("rebuild")));
        return message.toJson(JSON);
    }

    /** BSON dates become ISO-8601 strings, as everywhere else in the API. */
    private static Object isoDates(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Document nested) {
            Document copy = new Document();
            nested.forEach((key, field) -> copy.append(key, isoDates(field)));
            return copy;
        }
        return value;
    }
}
