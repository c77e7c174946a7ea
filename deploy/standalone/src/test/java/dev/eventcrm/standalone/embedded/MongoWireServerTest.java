package dev.eventcrm.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class MongoWireServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogging() {
        TestSupport.quietClientLogging();
    }

    /**
     * One I/O thread serves every connection; a write on one connection is held inside the backend (as a long bulk
     * write or commit would be). A read on another connection is answered meanwhile: with the database handler on
     * the I/O thread, as mongo-java-server's own server runs it, the read would wait for the write.
     */
    @Test
    void aCommandHeldOnOneConnectionDoesNotHoldUpAnotherConnection() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoBackend backend = holdingInsertsInto("slow", DurableH2Backend.open(dataDir.resolve("mongo.mv.db")),
                held, release);
        int port = TestSupport.freePort();
        try (MongoWireServer server = MongoWireServer.start(backend, "127.0.0.1", port, 1);
             MongoClient writer = MongoClients.create("mongodb://127.0.0.1:" + port);
             MongoClient reader = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase readerDb = reader.getDatabase("crm");
            Mono.from(readerDb.getCollection("fast").insertOne(new Document("_id", 1))).block(TIMEOUT);

            CompletableFuture<?> slowWrite = Mono.from(writer.getDatabase("crm").getCollection("slow")
                    .insertOne(new Document("_id", 1))).toFuture();
            try {
                assertThat(held.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the write reached the backend")
                        .isTrue();
                List<Document> read = Flux.from(readerDb.getCollection("fast").find()).collectList()
                        .block(Duration.ofSeconds(10));
                assertThat(read).containsExactly(new Document("_id", 1));
                assertThat(slowWrite).as("still held while the read was answered").isNotDone();
            } finally {
                release.countDown(); // before the server closes: a held I/O thread would keep it from closing
            }
            slowWrite.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(Flux.from(readerDb.getCollection("slow").find()).collectList().block(TIMEOUT))
                    .containsExactly(new Document("_id", 1));
        }
    }

    /** {@code backend}, except that an insert into {@code collection} signals {@code held} and waits for {@code release}. */
    private static MongoBackend holdingInsertsInto(String collection, MongoBackend backend, CountDownLatch held,
                                                   CountDownLatch release) {
        return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
                new Class<?>[] {MongoBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleMessage")
                            && collection.equals(((MongoMessage) args[0]).getDocument().get("insert"))) {
                        held.countDown();
                        release.await();
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
