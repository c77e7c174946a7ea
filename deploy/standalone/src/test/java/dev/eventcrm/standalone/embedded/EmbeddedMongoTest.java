package dev.eventcrm.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class EmbeddedMongoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogging() {
        TestSupport.quietClientLogging();
    }

    @Test
    void mongoDocumentsSurviveARestart() {
        int port = TestSupport.freePort();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            System.out.printf("embedded MongoDB first start took %d ms%n", mongo.startupTime().toMillis());
            MongoCollection<Document> deals = client.getDatabase("crm").getCollection("deals");
            Mono.from(deals.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true))).block(TIMEOUT);
            Mono.from(deals.insertMany(IntStream.range(0, 100)
                    .mapToObj(i -> new Document("_id", "deal-" + i).append("name", "Deal " + i).append("stage", "LEAD"))
                    .toList())).block(TIMEOUT);
            Mono.from(deals.updateOne(Filters.eq("_id", "deal-7"), Updates.set("stage", "WON"))).block(TIMEOUT);
            Mono.from(deals.deleteOne(Filters.eq("_id", "deal-99"))).block(TIMEOUT);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            System.out.printf("embedded MongoDB restart took %d ms%n", mongo.startupTime().toMillis());
            MongoCollection<Document> deals = client.getDatabase("crm").getCollection("deals");
            List<Document> all = Flux.from(deals.find()).collectList().block(TIMEOUT);
            assertThat(all).hasSize(99);
            assertThat(Mono.from(deals.find(Filters.eq("_id", "deal-7"))).block(TIMEOUT))
                    .containsEntry("stage", "WON").containsEntry("name", "Deal 7");
            assertThat(Mono.from(deals.find(Filters.eq("_id", "deal-99"))).block(TIMEOUT)).isNull();
            // the unique index came back too
            List<Document> indexes = Flux.from(deals.listIndexes()).collectList().block(TIMEOUT);
            assertThat(indexes).anySatisfy(index -> assertThat(index.get("key", Document.class)).containsKey("name"));
        }
    }

    /**
     * A child JVM writes documents one by one and prints each acknowledgement; it is killed (SIGKILL) the moment
     * the {@value #ACKS_BEFORE_KILL}th acknowledgement is read, while it keeps writing. Every document it reported
     * as acknowledged must be there after a restart.
     */
    @Test
    void acknowledgedMongoWritesSurviveAKillDashNine() throws Exception {
        int port = TestSupport.freePort();
        Path childErr = Files.createTempFile("mongo-writer", ".err");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xmx256m",
                MongoAckingWriter.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(MongoAckingWriter.MAX_DOCUMENTS))
                .redirectError(childErr.toFile())
                .start();
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        Thread reader = new Thread(() -> readAcknowledgements(child, acknowledged), "mongo-writer-stdout");
        reader.start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged)
                .as("acknowledgements before the kill; child stderr: %s", Files.readString(childErr))
                .hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("crm").getCollection("writes");
            Set<Integer> stored = Flux.from(collection.find().projection(new Document("_id", 1)))
                    .map(document -> document.getInteger("_id"))
                    .collect(Collectors.toSet())
                    .block(TIMEOUT);
            System.out.printf("kill -9 after %d acknowledged writes; %d documents in the store%n",
                    acknowledged.size(), stored.size());
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static void readAcknowledgements(Process child, Set<Integer> acknowledged) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(MongoAckingWriter.ACK_PREFIX)) {
                    acknowledged.add(Integer.parseInt(line.substring(MongoAckingWriter.ACK_PREFIX.length())));
                    if (acknowledged.size() == ACKS_BEFORE_KILL) {
                        child.destroyForcibly(); // SIGKILL, right after this acknowledgement, mid-stream
                    }
                }
            }
        } catch (IOException e) {
            // destroyForcibly() closes our end of the pipe: acknowledgements still in it were not read (and are
            // not checked); anything else is a real failure
            if (acknowledged.size() < ACKS_BEFORE_KILL) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
