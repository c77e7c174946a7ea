package dev.eventcrm.projections.runner;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.OptionalLong;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * Consumer positions kept beside the read models, {@code {_id: "<group>|<topic>|<partition>", offset: <next>}}:
 * a store that loses its last writes loses the matching positions too, and the replay is idempotent.
 */
public class OffsetStore {
    public static final String COLLECTION = "projection_offsets";

    private final MongoCollection<Document> offsets;
    private final Duration timeout;

    public OffsetStore(MongoDatabase database, Duration timeout) {
        this.offsets = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    public OptionalLong load(String group, TopicPartition partition) {
        Document stored = await(offsets.find(Filters.eq("_id", key(group, partition))).first(), timeout);
        if (stored == null || !(stored.get("offset") instanceof Number offset)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(offset.longValue());
    }

    public void save(String group, TopicPartition partition, long nextOffset) {
        await(offsets.updateOne(Filters.eq("_id", key(group, partition)), Updates.set("offset", nextOffset),
                new UpdateOptions().upsert(true)), timeout);
    }

    static String key(String group, TopicPartition partition) {
        return group + "|" + partition.topic() + "|" + partition.partition();
    }
}
