package dev.eventcrm.projections.runner;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static dev.eventcrm.projections.core.Mongo.await;

/** Records no projection can read, kept for inspection in {@code dead_letters}; keyed by position so replays do not pile up. */
public class DeadLetters {
    public static final String COLLECTION = "dead_letters";

    private final MongoCollection<Document> deadLetters;
    private final Duration timeout;

    public DeadLetters(MongoDatabase database, Duration timeout) {
        this.deadLetters = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    public void store(ConsumerRecord<String, String> record, String error) {
        String id = record.topic() + "|" + record.partition() + "|" + record.offset();
        Document letter = new Document("_id", id)
                .append("topic", record.topic())
                .append("partition", record.partition())
                .append("offset", record.offset())
                .append("key", record.key())
                .append("value", record.value())
                .append("error", error)
                .append("receivedAt", Date.from(Instant.now()));
        await(deadLetters.replaceOne(Filters.eq("_id", id), letter, new ReplaceOptions().upsert(true)), timeout);
    }
}
