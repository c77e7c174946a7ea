package dev.eventcrm.query;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Base of the query-service tests: the whole service on a random port over an embedded MongoDB. Every subclass
 * shares this configuration, hence one cached Spring context for the module; tests isolate their data by ids. The
 * service's clock is {@link TestClock}: a test may fix "now", and it runs on the system's again after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.mongodb.database=crm-query-test",
        "crm.query.read-your-writes-timeout=1s",
        "crm.query.stream-heartbeat=300ms",
        "crm.query.index-check-interval=500ms",
        "management.endpoint.health.show-details=always",
        "crm.users.default-time-zone=Asia/Vladivostok"
})
@Import(TestClock.Configuration.class)
public abstract class QueryServiceIntegrationTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Positions of the change feed written by tests (its unique index refuses a taken one). */
    protected static final AtomicLong CHANGE_POSITIONS = new AtomicLong();

    @LocalServerPort
    protected int port;

    @Autowired
    @Qualifier("queryMongoDatabase")
    protected MongoDatabase database;

    @Autowired
    protected TestClock clock;

    protected WebTestClient client;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("crm.mongodb.uri", EmbeddedMongo::uri);
    }

    @BeforeEach
    void webTestClient() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build();
    }

    @AfterEach
    void systemClock() {
        clock.reset();
    }

    protected void insert(String collection, Document document) {
        Mono.from(database.getCollection(collection).insertOne(document)).block(TIMEOUT);
    }

    /**
     * What the projections' runner does after writing a batch of the named projections' documents: it moves their
     * stored positions on, which is what tells the reports that keep counted read models in memory to read again.
     */
    protected void committed(String... projections) {
        for (String projection : projections) {
            Mono.from(database.getCollection("projection_offsets").updateOne(
                    new Document("_id", projection + "|crm.events|0"),
                    new Document("$set", new Document("projection", projection).append("topic", "crm.events")
                            .append("partition", 0)).append("$inc", new Document("offset", 1L)),
                    new UpdateOptions().upsert(true))).block(TIMEOUT);
        }
    }

    /**
     * What the projections' runner does after committing a batch with this event: the change feed's entry at the next
     * position, then its durable head. Every test writing {@code changes} in this context takes positions here.
     */
    protected void changed(String type, String aggregateType, String aggregateId, long sequence) {
        long position = CHANGE_POSITIONS.incrementAndGet();
        insert("changes", new Document("_id", UUID.randomUUID().toString()).append("position", position)
                .append("type", type).append("aggregateType", aggregateType).append("aggregateId", aggregateId)
                .append("sequence", sequence).append("recordedAt", new Date())
                .append("envelope", "{\"type\":\"" + type + "\",\"aggregateId\":\"" + aggregateId + "\"}"));
        Mono.from(database.getCollection("change_feed_head").updateOne(new Document("_id", "change-feed"),
                new Document("$max", new Document("position", position)), new UpdateOptions().upsert(true)))
                .block(TIMEOUT);
    }

    protected void set(String collection, String id, Document fields) {
        Mono.from(database.getCollection(collection)
                .updateOne(new Document("_id", id), new Document("$set", fields))).block(TIMEOUT);
    }
}
