package dev.eventcrm.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compare-and-set filters {@code {_id: x, rev: y}}: right answers, from the {@code _id} index. */
class IdLookupCollectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private DurableH2Backend backend;
    private MongoWireServer server;
    private MongoClient client;
    private MongoCollection<Document> docs;

    @BeforeAll
    static void quietLogging() {
        TestSupport.quietClientLogging();
    }

    @BeforeEach
    void start() {
        backend = DurableH2Backend.open(dataDir.resolve(EmbeddedMongo.FILE_NAME));
        int port = TestSupport.freePort();
        server = MongoWireServer.start(backend, "127.0.0.1", port, 0); // as the standalone serves it
        client = MongoClients.create("mongodb://127.0.0.1:" + port);
        docs = client.getDatabase("crm").getCollection("docs");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void compareAndSetMatchesOnlyWhenBothIdAndRevMatch() {
        insert(IntStream.range(0, 3).mapToObj(i -> doc("d" + i, 1, "a")).toList());

        assertThat(replace("d0", 1, doc("d0", 2, "b")).getMatchedCount()).isOne();
        UpdateResult stale = replace("d0", 1, doc("d0", 2, "c"));
        assertThat(stale.getMatchedCount()).as("stale rev").isZero();
        assertThat(stale.getModifiedCount()).isZero();
        assertThat(find(Filters.eq("_id", "d0"))).containsExactly(doc("d0", 2, "b"));
        assertThat(replace("d9", 1, doc("d9", 2, "x")).getMatchedCount()).as("unknown _id").isZero();

        // {$eq: v} and $in on _id, beside another key, as the driver's builders write them
        assertThat(Mono.from(docs.updateOne(Filters.and(Filters.eq("_id", "d1"), Filters.eq("rev", 1)),
                Updates.set("rev", 2))).block(TIMEOUT).getModifiedCount()).isOne();
        assertThat(Mono.from(docs.updateOne(new Document("_id", new Document("$eq", "d2")).append("rev", 7),
                Updates.set("rev", 8))).block(TIMEOUT).getMatchedCount()).isZero();
        assertThat(find(Filters.and(Filters.in("_id", "d0", "d1", "d2", "d9"), Filters.eq("rev", 2))))
                .extracting(document -> document.getString("_id")).containsExactlyInAnyOrder("d0", "d1");
        assertThat(find(Filters.and(Filters.eq("_id", "d2"), Filters.gt("rev", 0))))
                .containsExactly(doc("d2", 1, "a"));
        assertThat(documentsExamined()).as("no query scanned the collection").isLessThanOrEqualTo(20);
    }

    @Test
    void anUnorderedBulkWriteAppliesTheCurrentOperationsAndSkipsTheStaleOnes() {
        insert(IntStream.range(0, 10).mapToObj(i -> doc("d" + i, 1, "a")).toList());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int expectedRev = i < 3 ? 0 : 1; // d0..d2 were read before someone else moved them on
            writes.add(new ReplaceOneModel<>(new Document("_id", "d" + i).append("rev", expectedRev),
                    doc("d" + i, expectedRev + 1, "b")));
        }
        writes.add(new InsertOneModel<>(doc("d5", 1, "duplicate")));
        writes.add(new InsertOneModel<>(doc("new", 1, "b")));

        MongoBulkWriteException failure = catchThrowableOfType(MongoBulkWriteException.class,
                () -> Mono.from(docs.bulkWrite(writes, new BulkWriteOptions().ordered(false))).block(TIMEOUT));

        assertThat(failure.getWriteErrors()).singleElement()
                .satisfies(error -> assertThat(error.getIndex()).isEqualTo(10));
        assertThat(failure.getWriteResult().getMatchedCount()).isEqualTo(7);
        // (mongo-java-server also counts the failed insert in insertedCount, MongoDB would not: not asserted)
        List<Document> all = find(new Document());
        assertThat(all).hasSize(11)
                .contains(doc("d0", 1, "a"), doc("d2", 1, "a"), doc("d3", 2, "b"), doc("d9", 2, "b"),
                        doc("d5", 2, "b"), doc("new", 1, "b"));
    }

    /** Scanning, these 2,000 updates would examine 2,000 x 20,000 documents; from the index, 2,000. */
    @Test
    void compareAndSetUpdatesAreAnsweredFromTheIdIndexNotByScanning() {
        int size = 20_000;
        long loading = System.nanoTime();
        for (int from = 0; from < size; from += 5_000) {
            insert(IntStream.range(from, from + 5_000).mapToObj(i -> doc("d" + i, 1, "a")).toList());
        }
        System.out.printf("loaded %,d documents in %d ms%n", size, (System.nanoTime() - loading) / 1_000_000);
        long before = documentsExamined();
        List<WriteModel<Document>> writes = IntStream.range(0, 2_000)
                .mapToObj(i -> (WriteModel<Document>) new ReplaceOneModel<>(
                        new Document("_id", "d" + (i * size / 2_000)).append("rev", 1), doc("d" + (i * size / 2_000), 2, "b")))
                .toList();
        long started = System.nanoTime();
        var result = Mono.from(docs.bulkWrite(writes, new BulkWriteOptions().ordered(false))).block(TIMEOUT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long examined = documentsExamined() - before;
        System.out.printf("2,000 CAS replaceOne on %,d documents: %d ms, %,d documents examined%n", size, millis,
                examined);

        assertThat(result.getModifiedCount()).isEqualTo(2_000);
        assertThat(examined).isEqualTo(2_000);
        // the counter does see scans: a filter the index cannot answer examines every document
        assertThat(find(Filters.eq("rev", 2))).hasSize(2_000);
        assertThat(documentsExamined() - before - examined).isEqualTo(size);
    }

    /** The index answers the _id condition exactly; the rest of the filter still applies to its candidates. */
    @Test
    void aLargeInOnIdFindsExactlyTheListedDocumentsThatMatchTheRestOfTheFilter() {
        insert(IntStream.range(0, 5_000).mapToObj(i -> doc("d" + i, i % 2, "a")).toList());
        List<String> wanted = new ArrayList<>(IntStream.range(0, 3_000).mapToObj(i -> "d" + (i * 2 + 1)).toList());
        wanted.add("absent");

        assertThat(find(Filters.in("_id", wanted))).hasSize(2_500)
                .allSatisfy(document -> assertThat(wanted).contains(document.getString("_id")));
        assertThat(find(Filters.and(Filters.in("_id", wanted), Filters.eq("rev", 0)))).isEmpty();
        assertThat(find(Filters.and(Filters.in("_id", "d1", "d2", "d3"), Filters.eq("rev", 1))))
                .extracting(document -> document.getString("_id")).containsExactlyInAnyOrder("d1", "d3");
        assertThat(find(Filters.in("_id", List.of(1, "d4")))).as("ids of other types are matched again")
                .extracting(document -> document.getString("_id")).containsExactly("d4");
    }

    /** As MongoDB: a string or an array holding one matches; other types, null and absent fields do not. */
    @Test
    void aLargeInOfStringsOnAnotherFieldUnderAndAndOrMatchesAsMongoDoes() {
        List<String> listed = IntStream.range(0, 40).mapToObj(i -> "c" + i).toList();
        insert(List.of(
                new Document("_id", "string").append("contactId", "c7").append("n", 5),
                new Document("_id", "array").append("contactId", List.of("x", "c39")).append("n", 5),
                new Document("_id", "unlisted").append("contactId", "c40").append("n", 5),
                new Document("_id", "number").append("contactId", 7).append("n", 5),
                new Document("_id", "null").append("contactId", null).append("n", 5),
                new Document("_id", "absent").append("n", 5),
                new Document("_id", "by-deal").append("dealId", "d3").append("n", 5),
                new Document("_id", "too-small").append("contactId", "c1").append("n", 4),
                new Document("_id", "dotted").append("contact", new Document("id", "c2")).append("n", 5)));
        List<String> deals = IntStream.range(0, 10).mapToObj(i -> "d" + i).toList();

        assertThat(find(Filters.in("contactId", listed))).extracting(document -> document.getString("_id"))
                .containsExactlyInAnyOrder("string", "array", "too-small");
        assertThat(find(Filters.in("contact.id", listed))).as("a dotted path is left to the server's matcher")
                .extracting(document -> document.getString("_id")).containsExactly("dotted");
        assertThat(find(Filters.and(Filters.or(Filters.in("dealId", deals), Filters.in("contactId", listed)),
                Filters.gte("n", 5)))).extracting(document -> document.getString("_id"))
                .containsExactlyInAnyOrder("string", "array", "by-deal");
        assertThat(find(Filters.nin("contactId", listed))).as("other operators keep their meaning")
                .extracting(document -> document.getString("_id"))
                .containsExactlyInAnyOrder("unlisted", "number", "null", "absent", "by-deal", "dotted");
    }

    private long documentsExamined() {
        return ((IdLookupCollection) backend.resolveDatabase("crm").resolveCollection("docs", true))
                .documentsExamined();
    }

    private UpdateResult replace(String id, int rev, Document replacement) {
        return Mono.from(docs.replaceOne(new Document("_id", id).append("rev", rev), replacement)).block(TIMEOUT);
    }

    private void insert(List<Document> documents) {
        Mono.from(docs.insertMany(documents)).block(TIMEOUT);
    }

    private List<Document> find(org.bson.conversions.Bson filter) {
        return Flux.from(docs.find(filter)).collectList().block(TIMEOUT);
    }

    private static Document doc(String id, int rev, String value) {
        return new Document("_id", id).append("rev", rev).append("value", value);
    }
}
