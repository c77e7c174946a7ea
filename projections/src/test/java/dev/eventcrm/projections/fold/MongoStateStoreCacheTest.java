package dev.eventcrm.projections.fold;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store keeps the documents it last read or wrote: a document changed behind its back is served from memory
 * until a write, whose compare-and-set then loses, so the document is read again and nothing is set back.
 */
class MongoStateStoreCacheTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static MongoTestServer mongo;

    /** A state that is just a label. */
    private static final StateCodec<String> LABEL = new StateCodec<>() {
        @Override
        public Document encode(String state) {
            return new Document("label", state);
        }

        @Override
        public String decode(String id, Document document) {
            return document.getString("label");
        }
    };

    @BeforeAll
    static void start() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aDocumentChangedBehindTheCacheMakesTheNextWriteLoseAndIsThenReadAgain() {
        MongoDatabase database = mongo.freshDatabase();
        MongoCollection<Document> collection = database.getCollection("labels");
        MongoStateStore<String> store = new MongoStateStore<>(collection, LABEL, TIMEOUT);
        assertThat(store.write(List.of(Tracked.fresh("a", "first").advance("first", "a", 0)))).isEmpty();
        Tracked<String> cached = store.load(Set.of("a")).get("a");

        // another writer (a second instance) changes the document and its token
        Mono.from(collection.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.set("label", "theirs"),
                Updates.set(MongoStateStore.REVISION, new ObjectId())))).block(TIMEOUT);
        assertThat(store.load(Set.of("a")).get("a")).as("served from memory").isSameAs(cached);

        Set<String> lost = store.write(List.of(cached.advance("mine", "a", 1)));

        assertThat(lost).containsExactly("a");
        assertThat(label(collection)).as("not set back").isEqualTo("theirs");
        Tracked<String> reread = store.load(Set.of("a")).get("a");
        assertThat(reread.state()).isEqualTo("theirs");
        assertThat(store.write(List.of(reread.advance("mine", "a", 1)))).isEmpty();
        assertThat(label(collection)).isEqualTo("mine");
    }

    @Test
    void forgettingTheCacheReadsWhatTheDatabaseHoldsNow() {
        MongoDatabase database = mongo.freshDatabase();
        MongoCollection<Document> collection = database.getCollection("labels");
        MongoStateStore<String> store = new MongoStateStore<>(collection, LABEL, TIMEOUT);
        store.write(List.of(Tracked.fresh("b", "first").advance("first", "b", 0)));
        Mono.from(collection.deleteOne(Filters.eq("_id", "b"))).block(TIMEOUT);
        assertThat(store.load(Set.of("b"))).containsKey("b");

        store.forgetCached();

        assertThat(store.load(Set.of("b"))).isEmpty();
    }

    private static String label(MongoCollection<Document> collection) {
        return Mono.from(collection.find(Filters.eq("_id", "a")).first()).map(d -> d.getString("label"))
                .block(TIMEOUT);
    }
}
