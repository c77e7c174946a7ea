package dev.eventcrm.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.Document;
import org.reactivestreams.Publisher;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Mono;

/**
 * The raw write rates of a MongoDB, the baselines for the projections' apply rate: (a) one {@code updateOne}
 * upsert per document, sequential, each awaited; (b) unordered {@code bulkWrite}s of {@value #BULK_SIZE} upserts.
 * Each runs on a fresh collection of database {@value #DATABASE}, dropped afterwards. With {@code --embedded} (the
 * standalone's embedded MongoDB, which makes writes durable only on {@code {crmCommit: 1}}) it commits after every
 * write in (a), as its earlier commit-per-write backend did, and after every bulk in (b): the same durability
 * contract as a real MongoDB acknowledging each write.
 * <p>
 * Usage: {@code java -cp crm-loadgen.jar dev.eventcrm.loadgen.MongoBaseline <mongoUri> [documents] [--embedded]}
 */
public final class MongoBaseline {

    static final String DATABASE = "crm_baseline";
    static final int BULK_SIZE = 500;
    private static final String COMMIT_COMMAND = "crmCommit";
    private static final int WARM_UP_DOCUMENTS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // about the size of a read-model document (a deal card)
    private static final String PAYLOAD = "x".repeat(300);

    private final MongoDatabase database;
    private final boolean commitEachWrite;

    private MongoBaseline(MongoDatabase database, boolean commitEachWrite) {
        this.database = database;
        this.commitEachWrite = commitEachWrite;
    }

    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        boolean embedded = false;
        for (String arg : args) {
            if (arg.equals("--embedded")) {
                embedded = true;
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty()) {
            System.err.println("Usage: MongoBaseline <mongoUri> [documents] [--embedded]");
            System.exit(2);
        }
        int documents = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 20_000;
        try (MongoClient client = MongoClients.create(positional.get(0))) {
            MongoBaseline baseline = new MongoBaseline(client.getDatabase(DATABASE), embedded);
            baseline.perDocument("warmup", WARM_UP_DOCUMENTS);
            baseline.bulk("warmup", WARM_UP_DOCUMENTS);
            print("raw per-document upsert", documents, baseline.perDocument("single", documents));
            print("raw bulk upsert (" + BULK_SIZE + " per request)", documents, baseline.bulk("bulk", documents));
        }
    }

    /** @return the elapsed nanoseconds */
    private long perDocument(String name, int documents) {
        MongoCollection<Document> collection = freshCollection(name);
        long started = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            await(collection.updateOne(Filters.eq("_id", i), update(i), new UpdateOptions().upsert(true)));
            commitIfEmbedded();
        }
        long elapsed = System.nanoTime() - started;
        drop(collection);
        return elapsed;
    }

    /** @return the elapsed nanoseconds */
    private long bulk(String name, int documents) {
        MongoCollection<Document> collection = freshCollection(name);
        long started = System.nanoTime();
        for (int from = 0; from < documents; from += BULK_SIZE) {
            List<WriteModel<Document>> writes = new ArrayList<>(BULK_SIZE);
            for (int i = from; i < Math.min(documents, from + BULK_SIZE); i++) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", i), update(i), new UpdateOptions().upsert(true)));
            }
            await(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
            commitIfEmbedded();
        }
        long elapsed = System.nanoTime() - started;
        drop(collection);
        return elapsed;
    }

    private static org.bson.conversions.Bson update(int i) {
        return Updates.combine(Updates.set("rev", 1), Updates.set("name", "Document " + i),
                Updates.set("payload", PAYLOAD));
    }

    private MongoCollection<Document> freshCollection(String name) {
        MongoCollection<Document> collection = database.getCollection(name + "_" + System.nanoTime());
        await(collection.drop());
        return collection;
    }

    private void drop(MongoCollection<Document> collection) {
        await(collection.drop());
        commitIfEmbedded();
    }

    private void commitIfEmbedded() {
        if (commitEachWrite) {
            await(database.runCommand(new Document(COMMIT_COMMAND, 1)));
        }
    }

    private static void await(Publisher<?> publisher) {
        Mono.from(publisher).block(TIMEOUT);
    }

    private static void print(String figure, int documents, long nanos) {
        double perSecond = documents / (nanos / 1e9);
        System.out.printf(Locale.ROOT, "%s: %.0f docs/s (%d documents in %d ms)%n", figure, perSecond, documents,
                nanos / 1_000_000);
    }
}
