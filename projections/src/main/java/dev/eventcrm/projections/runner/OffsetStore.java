package dev.eventcrm.projections.runner;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each projection's own position, kept beside the read models:
 * {@code {_id: "<projection>|<topic>|<partition>", projection, topic, partition, offset: <next offset to apply>}}.
 * A store that loses its last writes loses the matching positions too, and the replay is idempotent.
 */
public class OffsetStore {
    public static final String COLLECTION = "projection_offsets";

    private final MongoCollection<Document> offsets;
    private final Duration timeout;

    public OffsetStore(MongoDatabase database, Duration timeout) {
        this.offsets = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    /** Every stored position of {@code projection}. */
    public Map<TopicPartition, Long> load(String projection) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Flux.from(offsets.find(Filters.eq("projection", projection))).collectList().blockOptional(timeout)
                .orElse(List.of())
                .forEach(doc -> positions.put(new TopicPartition(doc.getString("topic"), doc.getInteger("partition")),
                        ((Number) doc.get("offset")).longValue()));
        return positions;
    }

    /** Stores the given positions with one bulkWrite; a position only ever moves forward. */
    public void save(Map<String, Map<TopicPartition, Long>> positions) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        positions.forEach((projection, partitions) -> partitions.forEach((partition, offset) ->
                writes.add(new UpdateOneModel<>(Filters.eq("_id", key(projection, partition)),
                        Updates.combine(Updates.set("projection", projection),
                                Updates.set("topic", partition.topic()),
                                Updates.set("partition", partition.partition()),
                                Updates.max("offset", offset)),
                        new UpdateOptions().upsert(true)))));
        if (!writes.isEmpty()) {
            Flux.from(offsets.bulkWrite(writes, new BulkWriteOptions().ordered(false))).blockLast(timeout);
        }
    }

    static String key(String projection, TopicPartition partition) {
        return projection + "|" + partition.topic() + "|" + partition.partition();
    }
}
