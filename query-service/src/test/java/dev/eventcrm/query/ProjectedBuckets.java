package dev.eventcrm.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A real projection that derives report buckets, run as the bucket property tests need it. */
public final class ProjectedBuckets {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** One client of the JVM's embedded server for every property test (a try drops its database). */
    private static MongoClient client;

    private ProjectedBuckets() {
    }

    /** A database of its own for one try, on the JVM's embedded MongoDB. */
    public static synchronized MongoDatabase freshDatabase(String name) {
        if (client == null) {
            client = MongoClients.create(EmbeddedMongo.uri());
            Runtime.getRuntime().addShutdownHook(new Thread(client::close, "projected-buckets-client-close"));
        }
        return client.getDatabase(name + "-" + DATABASES.incrementAndGet());
    }

    /**
     * Projects {@code events} as Kafka would deliver them, in random batches of 1 to 8, and again as a rebuild into
     * another collection; checks that both hold the same documents and buckets, and answers the live collection's
     * documents other than buckets.
     *
     * @param live the projection, writing to {@code collection} of {@code database}
     */
    public static List<Document> project(MongoDatabase database, Projection live, String collection,
                                         List<ParsedEvent> events, Random random, long seed) {
        return project(database, live, collection, events, FoldHarness.delivery(events, random), random, seed);
    }

    /** As {@link #project(MongoDatabase, Projection, String, List, Random, long)}, delivering {@code delivery}. */
    public static List<Document> project(MongoDatabase database, Projection live, String collection,
                                         List<ParsedEvent> events, List<ParsedEvent> delivery, Random random,
                                         long seed) {
        String rebuilt = collection + "_rebuilt";
        for (int from = 0; from < delivery.size(); ) {
            int to = Math.min(delivery.size(), from + 1 + random.nextInt(8));
            live.applyBatch(delivery.subList(from, to));
            from = to;
        }
        live.into(rebuilt).applyBatch(events);

        assertThat(buckets(database, collection)).as("seed %s", seed).isNotEmpty()
                .isEqualTo(buckets(database, rebuilt));
        assertThat(documents(database, collection)).as("seed %s", seed).isEqualTo(documents(database, rebuilt));
        return documents(database, collection);
    }

    /** The documents other than buckets, by id, without the store's write token (which every write draws anew). */
    private static List<Document> documents(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find(Filters.ne("kind", "bucket"))
                .sort(Sorts.ascending("_id"))).map(document -> {
                    document.remove("rev");
                    return document;
                }).collectList().block(TIMEOUT);
    }

    /** The bucket documents as a report reads them: the writers' bookkeeping left out, empty ones as absent. */
    private static List<Document> buckets(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find(Filters.eq("kind", "bucket"))
                .sort(Sorts.ascending("_id"))).map(bucket -> {
                    bucket.remove("rev"); // the writers' bookkeeping differs between two runs
                    bucket.remove("writers");
                    return bucket;
                }).filter(bucket -> !bucket.get("totals", new Document()).isEmpty())
                .collectList().block(TIMEOUT);
    }
}
