package dev.eventcrm.projections.testing;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process MongoDB wire server (memory backend) and a real reactive driver client to it. */
public final class MongoTestServer implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final MongoClient client;
    private final String uri;

    public MongoTestServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        client = MongoClients.create(uri);
    }

    public String uri() {
        return uri;
    }

    /** A database of its own, so tests sharing the server do not see each other's documents. */
    public String freshDatabaseName() {
        return "test" + DATABASES.incrementAndGet();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    public MongoDatabase freshDatabase() {
        return database(freshDatabaseName());
    }

    public static List<Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find().sort(Sorts.ascending("_id")))
                .collectList().block(TIMEOUT);
    }

    /**
     * The collection as a report sees it: without the writers' bookkeeping, which differs between two runs that
     * store the same ({@code rev} tokens, and which writer applied a bucket's last change), and without buckets
     * nothing contributes to any more (a report reads an empty bucket as an absent one).
     */
    public static List<Document> reported(MongoDatabase database, String collection) {
        List<Document> documents = all(database, collection);
        documents.removeIf(document -> "bucket".equals(document.get("kind"))
                && document.get("totals", new Document()).isEmpty());
        documents.forEach(document -> {
            document.remove("rev");
            document.remove("writers");
        });
        return documents;
    }

    public static Document byId(MongoDatabase database, String collection, String id) {
        return Flux.from(database.getCollection(collection).find(new Document("_id", id)).first())
                .next().block(TIMEOUT);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
