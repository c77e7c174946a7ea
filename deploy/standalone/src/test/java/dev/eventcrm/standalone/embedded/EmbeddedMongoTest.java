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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final int BATCH = 10;
    private static final int COMMITS_BEFORE_KILL = 30;

    @TempDir
    Path dataDir;

    private Path childErr;

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
     * A child JVM writes documents one by one and runs crmCommit after every {@value #BATCH}; it is killed
     * (SIGKILL) the moment the {@value #COMMITS_BEFORE_KILL}th commit acknowledgement is read, while it keeps
     * writing. Afterwards the store holds exactly the documents up to one of its commits: every commit it reported,
     * perhaps one more that raced the kill, and never part of a batch.
     */
    @Test
    void writesUpToTheLastCommitSurviveAKillDashNineAndNoPartOfALaterBatchDoes() throws Exception {
        int port = TestSupport.freePort();
        Process child = startWriter(port);
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        AtomicInteger committed = new AtomicInteger();
        Thread reader = new Thread(() -> readAcknowledgements(child, acknowledged, committed), "mongo-writer-stdout");
        reader.start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            child.destroyForcibly();
        }
        assertThat(committed.get())
                .as("commits before the kill; child stderr: %s", Files.readString(childErr))
                .isGreaterThanOrEqualTo(COMMITS_BEFORE_KILL * BATCH);
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        Set<Integer> stored = storedIds(port);
        System.out.printf("kill -9 after %d acknowledged writes, %d committed; %d documents in the store%n",
                acknowledged.size(), committed.get(), stored.size());
        assertThat(stored).hasSizeGreaterThanOrEqualTo(committed.get());
        assertThat(stored.size() % BATCH).as("whole batches only").isZero();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, stored.size()).boxed().toList());
    }

    /**
     * The child writes 2.5 batches, committing after each whole one, and parks; after a kill -9 the half batch it
     * had acknowledged is gone and the committed ones are there.
     */
    @Test
    void acknowledgedWritesAfterTheLastCommitAreLostInAKillDashNine() throws Exception {
        int port = TestSupport.freePort();
        int documents = 2 * BATCH + BATCH / 2;
        Process child = startWriter(port, String.valueOf(documents));
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(MongoAckingWriter.PARKED)) {
                lines.add(line);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lines).as("child stderr: %s", Files.readString(childErr))
                .contains(MongoAckingWriter.ACK_PREFIX + (documents - 1),
                        MongoAckingWriter.COMMITTED_PREFIX + (2 * BATCH))
                .doesNotContain(MongoAckingWriter.COMMITTED_PREFIX + (3 * BATCH));

        assertThat(storedIds(port)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 2 * BATCH).boxed().toList());
    }

    private Process startWriter(int port, String... extraArgs) throws IOException {
        childErr = Files.createTempFile("mongo-writer", ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xmx256m",
                MongoAckingWriter.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(BATCH)));
        command.addAll(List.of(extraArgs));
        return new ProcessBuilder(command).redirectError(childErr.toFile()).start();
    }

    private Set<Integer> storedIds(int port) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("crm").getCollection("writes");
            return Flux.from(collection.find().projection(new Document("_id", 1)))
                    .map(document -> document.getInteger("_id"))
                    .collect(Collectors.toSet())
                    .block(TIMEOUT);
        }
    }

    private static void readAcknowledgements(Process child, Set<Integer> acknowledged, AtomicInteger committed) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(MongoAckingWriter.ACK_PREFIX)) {
                    acknowledged.add(Integer.parseInt(line.substring(MongoAckingWriter.ACK_PREFIX.length())));
                } else if (line.startsWith(MongoAckingWriter.COMMITTED_PREFIX)) {
                    committed.set(Integer.parseInt(line.substring(MongoAckingWriter.COMMITTED_PREFIX.length())));
                    if (committed.get() == COMMITS_BEFORE_KILL * BATCH) {
                        child.destroyForcibly(); // SIGKILL, right after this commit, while the writes go on
                    }
                }
            }
        } catch (IOException e) {
            // destroyForcibly() closes our end of the pipe: lines still in it were not read (and are not
            // checked); anything else is a real failure
            if (committed.get() < COMMITS_BEFORE_KILL * BATCH) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
