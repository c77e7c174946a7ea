package dev.eventcrm.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store's file holds what was written up to the last {@code crmCommit}, and nothing commits in between. */
class DurableH2BackendTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Document COMMIT = new Document(EmbeddedMongo.COMMIT_COMMAND, 1);

    @TempDir
    Path dataDir;

    private DurableH2Backend backend;
    private MongoWireServer server;
    private MongoClient client;

    @BeforeAll
    static void quietLogging() {
        TestSupport.quietClientLogging();
    }

    @AfterEach
    void stop() {
        closeClientAndServer();
    }

    @Test
    void crmCommitThroughTheDriverMakesEverythingWrittenSoFarDurableAndLaterWritesAreLostInACrash() {
        start();
        insert("deals", 0, 5);
        insert("offsets", 0, 1);
        Document answer = Mono.from(client.getDatabase("crm").runCommand(COMMIT)).block(TIMEOUT);
        assertThat(answer.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
        insert("deals", 5, 10);
        // any database will do: the command commits the whole store
        Mono.from(client.getDatabase("admin").runCommand(COMMIT)).block(TIMEOUT);
        insert("deals", 10, 15);
        insert("offsets", 1, 2);
        assertThat(ids("deals")).as("uncommitted writes are visible while the store runs").hasSize(15);

        crash();
        start();

        assertThat(ids("deals")).containsExactlyElementsOf(range(0, 10));
        assertThat(ids("offsets")).containsExactlyElementsOf(range(0, 1));
    }

    /**
     * A rebuild's switch-over: a fresh collection renamed over the live one (dropTarget). After a restart, a lookup
     * by {@code _id} (what every compare-and-set write does) must find the renamed collection's documents, and its
     * unique index must still refuse a second document with a taken {@code _id}.
     */
    @Test
    void aCollectionRenamedOverAnotherKeepsWorkingIndexesAfterARestart() {
        start();
        insert("deals", 0, 5); // the live collection, with index entries of its own
        insert("deals__v2", 10, 15);
        Mono.from(client.getDatabase("admin").runCommand(new Document("renameCollection", "crm.deals__v2")
                .append("to", "crm.deals").append("dropTarget", true))).block(TIMEOUT);
        Mono.from(client.getDatabase("crm").runCommand(COMMIT)).block(TIMEOUT);

        crash();
        start();

        assertThat(ids("deals")).containsExactlyElementsOf(range(10, 15));
        assertThat(Flux.from(collection("deals").find(new Document("_id", 12).append("rev", 1))).collectList()
                .block(TIMEOUT)).as("found through the _id index").hasSize(1);
        assertThatThrownBy(() -> insert("deals", 12, 13)).hasMessageContaining("duplicate key");
        insert("deals", 0, 1);
        assertThat(ids("deals")).containsExactly(0, 10, 11, 12, 13, 14);

        // a collection created again under a dropped one's name starts with empty indexes
        Mono.from(collection("deals").drop()).block(TIMEOUT);
        Mono.from(client.getDatabase("crm").runCommand(COMMIT)).block(TIMEOUT);
        crash();
        start();
        insert("deals", 12, 13);
        assertThat(ids("deals")).containsExactly(12);
    }

    /** As MongoDB 7 answers: dropping a collection that does not exist is not an error. */
    @Test
    void droppingAMissingCollectionAnswersOkay() {
        start();
        insert("deals", 0, 1);
        Document answer = Mono.from(client.getDatabase("crm").runCommand(new Document("drop", "deals__v9")))
                .block(TIMEOUT);
        assertThat(answer.get("ok")).isEqualTo(1.0);
        assertThat(ids("deals")).containsExactly(0);
        Mono.from(client.getDatabase("crm").runCommand(new Document("drop", "deals"))).block(TIMEOUT);
        assertThat(ids("deals")).isEmpty();
    }

    /**
     * A rebuild's switch-over renames its collection over the live one while the live projection may still be
     * writing to it. mongo-java-server drops the target without its monitor, so the rename ran beside an update held
     * inside the live collection and left an {@code _id} index out of step with the data (every later update of
     * those documents failed, after restarts too). The test holds the live collection's monitor so that an update
     * stops inside it; the rename sent then must wait for it.
     */
    @Test
    void aRenameOverACollectionWaitsForTheCommandsInProgressOnIt() throws Exception {
        start();
        insert("contacts", 0, 3);
        insert("contacts__v2", 10, 13);
        Object live = backend.resolveDatabase("crm").resolveCollection("contacts", true);
        CompletableFuture<?> update;
        CompletableFuture<?> rename;
        synchronized (live) {
            update = Mono.from(collection("contacts").updateOne(new Document("_id", 1),
                    new Document("$set", new Document("rev", 2)))).toFuture();
            awaitThreadState(() -> threadBlockedOn(live));
            rename = Mono.from(client.getDatabase("admin").runCommand(new Document("renameCollection",
                    "crm.contacts__v2").append("to", "crm.contacts").append("dropTarget", true))).toFuture();
            awaitThreadState(() -> rename.isDone() || threadWaitingFor(ReentrantReadWriteLock.class));
            assertThat(rename).as("the rename waits for the update in progress").isNotDone();
        }
        update.get(30, TimeUnit.SECONDS);
        rename.get(30, TimeUnit.SECONDS);
        Mono.from(client.getDatabase("crm").runCommand(COMMIT)).block(TIMEOUT);

        crash();
        start();

        assertThat(ids("contacts")).containsExactly(10, 11, 12);
        for (int id = 10; id < 13; id++) {
            assertThat(Mono.from(collection("contacts").updateOne(new Document("_id", id),
                    new Document("$set", new Document("rev", 3)))).block(TIMEOUT).getMatchedCount())
                    .as("document %d updated through the _id index", id).isEqualTo(1);
        }
    }

    /**
     * Documents are stored from a cache of their encodings ({@link BsonDocumentType}), and mongo-java-server changes
     * a stored document in place. Every kind of write, after the documents were written (and cached) by an earlier
     * commit, must reach the file with its new content; the untouched neighbours in the same pages must keep theirs.
     */
    @Test
    void everyKindOfUpdateIsStoredWithItsNewContentAfterDocumentsWereCommittedBefore() {
        start();
        insert("deals", 0, 50);
        commit();
        MongoCollection<Document> deals = collection("deals");
        Mono.from(deals.updateOne(new Document("_id", 1).append("rev", 1),
                new Document("$set", new Document("rev", 2).append("stage", "WON")))).block(TIMEOUT);
        Mono.from(deals.updateOne(new Document("_id", 2), new Document("$unset", new Document("rev", "")))).block(TIMEOUT);
        Mono.from(deals.replaceOne(new Document("_id", 3), new Document("_id", 3).append("rev", 7))).block(TIMEOUT);
        Mono.from(deals.findOneAndUpdate(new Document("_id", 4), new Document("$inc", new Document("rev", 10))))
                .block(TIMEOUT);
        Mono.from(deals.updateMany(new Document("_id", new Document("$in", List.of(5, 6))),
                new Document("$push", new Document("tags", "hot")))).block(TIMEOUT);
        Mono.from(deals.bulkWrite(List.of(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", 7),
                new Document("$set", new Document("rev", 3)))))).block(TIMEOUT);
        commit();
        Mono.from(deals.updateOne(new Document("_id", 1), new Document("$set", new Document("rev", 3)))).block(TIMEOUT);
        commit();

        crash();
        start();

        List<Document> stored = Flux.from(collection("deals").find().sort(new Document("_id", 1))).collectList()
                .block(TIMEOUT);
        assertThat(stored).hasSize(50);
        assertThat(stored.get(0)).isEqualTo(new Document("_id", 0).append("rev", 1));
        assertThat(stored.get(1)).isEqualTo(new Document("_id", 1).append("rev", 3).append("stage", "WON"));
        assertThat(stored.get(2)).isEqualTo(new Document("_id", 2));
        assertThat(stored.get(3)).isEqualTo(new Document("_id", 3).append("rev", 7));
        assertThat(stored.get(4)).isEqualTo(new Document("_id", 4).append("rev", 11));
        assertThat(stored.get(5)).isEqualTo(new Document("_id", 5).append("rev", 1).append("tags", List.of("hot")));
        assertThat(stored.get(6)).isEqualTo(new Document("_id", 6).append("rev", 1).append("tags", List.of("hot")));
        assertThat(stored.get(7)).isEqualTo(new Document("_id", 7).append("rev", 3));
        assertThat(stored.subList(8, 50)).allSatisfy(d -> assertThat(d.getInteger("rev")).isEqualTo(1));
    }

    private void commit() {
        Mono.from(client.getDatabase("crm").runCommand(COMMIT)).block(TIMEOUT);
    }

    @Test
    void aCleanCloseCommitsWhatIsLeft() {
        start();
        insert("deals", 0, 3);
        closeClientAndServer();
        start();

        assertThat(ids("deals")).containsExactlyElementsOf(range(0, 3));
    }

    /**
     * A commit is a consistent cut: it waits for a write command in progress. The test holds the collection's
     * monitor (mongo-java-server's collections are synchronized), so an insert stops inside its command; the
     * commit sent then must wait for it, and so the insert survives the crash that follows.
     */
    @Test
    void aCommitWaitsForTheWriteCommandsInProgress() throws Exception {
        start();
        insert("deals", 0, 1);
        Object collection = backend.resolveDatabase("crm").resolveCollection("deals", true);
        CompletableFuture<?> insert;
        CompletableFuture<?> commit;
        synchronized (collection) {
            insert = Mono.from(collection("deals").insertOne(new Document("_id", 1))).toFuture();
            awaitThreadState(() -> threadBlockedOn(collection));
            commit = Mono.from(client.getDatabase("crm").runCommand(COMMIT)).toFuture();
            awaitThreadState(() -> commit.isDone() || threadWaitingFor(ReentrantReadWriteLock.class));
            assertThat(commit).as("the commit waits for the running insert").isNotDone();
        }
        insert.get(30, TimeUnit.SECONDS);
        commit.get(30, TimeUnit.SECONDS);

        crash();
        start();

        assertThat(ids("deals")).containsExactly(0, 1);
    }

    /** Polls for a thread state (not waiting for an interleaving to happen by chance). */
    private static void awaitThreadState(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(condition::getAsBoolean);
    }

    private static boolean threadBlockedOn(Object monitor) {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .anyMatch(thread -> thread.getLockInfo() != null
                        && thread.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor));
    }

    private static boolean threadWaitingFor(Class<?> lockClass) {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .anyMatch(thread -> thread.getLockInfo() != null
                        && thread.getLockInfo().getClassName().startsWith(lockClass.getName()));
    }

    /**
     * H2's autoCommitDisabled() keeps an unsaved-memory limit (up to 19 MB) past which the next write commits; a
     * batch larger than that must not become durable half-way.
     */
    @Test
    void noCommitUnderUnsavedMemoryPressure() {
        int defaultLimit = defaultAutoCommitMemory(dataDir.resolve("probe.mv.db"));
        assertThat(defaultLimit).isPositive();
        start();
        MVStore store = backend.getMvStore();
        long versionAtStart = store.getCurrentVersion();
        String payload = "x".repeat(16 * 1024);
        int written = 0;
        while (store.getUnsavedMemory() < 2L * defaultLimit) {
            int from = written;
            Mono.from(client.getDatabase("crm").getCollection("big").insertMany(IntStream.range(from, from + 100)
                    .mapToObj(i -> new Document("_id", i).append("payload", payload)).toList())).block(TIMEOUT);
            written += 100;
            assertThat(written).as("unsaved memory grows with the writes").isLessThan(100_000);
        }
        assertThat(store.getCurrentVersion()).as("no commit happened").isEqualTo(versionAtStart);

        crash();
        start();

        assertThat(ids("big")).as("%d documents written, none committed", written).isEmpty();
    }

    /** What H2 would allow a store opened with autoCommitDisabled() alone, as this backend once was. */
    private static int defaultAutoCommitMemory(Path file) {
        MVStore probe = new MVStore.Builder().autoCommitDisabled().fileName(file.toString()).open();
        try {
            return probe.getAutoCommitMemory();
        } finally {
            probe.close();
        }
    }

    private void start() {
        backend = DurableH2Backend.open(dataDir.resolve(EmbeddedMongo.FILE_NAME));
        int port = TestSupport.freePort();
        server = MongoWireServer.start(backend, "127.0.0.1", port, 0); // as the standalone serves it
        client = MongoClients.create("mongodb://127.0.0.1:" + port);
    }

    /** Like a kill -9: the MVStore file is left as it is, nothing more is written to it. */
    private void crash() {
        backend.getMvStore().closeImmediately();
        closeClientAndServer();
    }

    private void closeClientAndServer() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close(); // closes the backend: a no-op after closeImmediately
            server = null;
        }
    }

    private void insert(String collection, int from, int to) {
        Mono.from(collection(collection).insertMany(IntStream.range(from, to)
                .mapToObj(i -> new Document("_id", i).append("rev", 1)).toList())).block(TIMEOUT);
    }

    private List<Integer> ids(String collection) {
        return Flux.from(collection(collection).find().sort(new Document("_id", 1)))
                .map(document -> document.getInteger("_id"))
                .collectList()
                .block(TIMEOUT);
    }

    private MongoCollection<Document> collection(String name) {
        return client.getDatabase("crm").getCollection(name);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
