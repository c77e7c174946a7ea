package dev.eventcrm.standalone.embedded;

import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Mono;

/**
 * Child JVM of {@link EmbeddedMongoTest}: starts {@link EmbeddedMongo} on the given directory and port, inserts
 * documents one at a time over the wire protocol, printing {@code ACK <id>} once the server acknowledged each, and
 * after every {@code batchSize} documents runs {@code crmCommit}, printing {@code COMMITTED <count>} once it was
 * acknowledged. With a {@code parkAfter} argument it stops writing after that many documents, prints
 * {@code PARKED} and waits to be killed.
 */
public final class MongoAckingWriter {

    static final String ACK_PREFIX = "ACK ";
    static final String COMMITTED_PREFIX = "COMMITTED ";
    static final String PARKED = "PARKED";
    static final int MAX_DOCUMENTS = 100_000;

    private MongoAckingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestSupport.quietClientLogging();
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        int documents = args.length > 3 ? Integer.parseInt(args[3]) : MAX_DOCUMENTS;
        EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, port);
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("crm").getCollection("writes");
            for (int i = 0; i < documents; i++) {
                Mono.from(collection.insertOne(new Document("_id", i).append("payload", "document " + i)))
                        .block(Duration.ofSeconds(30));
                System.out.println(ACK_PREFIX + i);
                if ((i + 1) % batchSize == 0) {
                    Mono.from(client.getDatabase("crm").runCommand(new Document(EmbeddedMongo.COMMIT_COMMAND, 1)))
                            .block(Duration.ofSeconds(30));
                    System.out.println(COMMITTED_PREFIX + (i + 1));
                }
                System.out.flush();
            }
            if (args.length > 3) {
                System.out.println(PARKED);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        mongo.close();
        System.exit(0);
    }
}
