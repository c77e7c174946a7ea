package dev.eventcrm.projections.runner;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.KafkaTestBroker;
import dev.eventcrm.projections.testing.TestRunners;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.testing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two projection instances on the same topic, consumer group and store, with rebalances in the middle (the second
 * joins while the first is applying, then the first leaves), give the same documents as one instance alone.
 */
class TwoInstancesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static MongoTestServer mongo;
    private static KafkaProducer<String, String> producer;
    private final List<ProjectionRunner> runners = new ArrayList<>();

    @BeforeAll
    static void start() {
        mongo = new MongoTestServer();
        producer = KafkaTestBroker.producer();
    }

    @AfterAll
    static void stop() {
        producer.close();
        mongo.close();
    }

    @AfterEach
    void stopRunners() {
        runners.forEach(ProjectionRunner::stop);
    }

    private ProjectionRunner runner(String topic, String group, MongoDatabase database, EventHistory history) {
        ProjectionRunner runner = TestRunners.runner(topic, TestRunners.settings(group, 50, null), database,
                TestRunners.readModels(database, history), new SimpleMeterRegistry());
        runners.add(runner);
        runner.start();
        return runner;
    }

    /** One at a time: pipelined idempotent sends to a topic created a moment ago can fail on a leader change. */
    private static void send(String topic, List<ParsedEvent> events) {
        events.forEach(e -> KafkaTestBroker.sendAndWait(producer, topic, e.aggregateId(), e.envelope()));
    }

    private static long consumed(MongoDatabase database, String projection) {
        return all(database, OffsetStore.COLLECTION).stream()
                .filter(d -> projection.equals(d.getString("projection")))
                .mapToLong(d -> d.getLong("offset")).sum();
    }

    private static void awaitAllApplied(MongoDatabase database, int records) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String projection : List.of(DealBoardProjection.NAME, ContactCardProjection.NAME,
                    ChangeFeedProjection.NAME)) {
                assertThat(consumed(database, projection)).as(projection).isEqualTo(records);
            }
        });
    }

    @Test
    void twoInstancesAndRebalancesGiveTheSameDocumentsAsOne() {
        List<ParsedEvent> events = Scenario.generate(7, 15, 25, 600);
        InMemoryEventHistory history = new InMemoryEventHistory();
        events.forEach(history::store);
        List<ParsedEvent> firstHalf = events.subList(0, events.size() / 2);
        List<ParsedEvent> secondHalf = events.subList(events.size() / 2, events.size());

        String single = "single-" + UUID.randomUUID();
        KafkaTestBroker.createTopic(single, 4);
        send(single, events);
        MongoDatabase alone = mongo.freshDatabase();
        runner(single, "alone", alone, history);
        awaitAllApplied(alone, events.size());

        String shared = "shared-" + UUID.randomUUID();
        KafkaTestBroker.createTopic(shared, 4);
        MongoDatabase together = mongo.freshDatabase();
        send(shared, firstHalf);
        ProjectionRunner first = runner(shared, "together", together, history);
        await().atMost(PATIENCE).until(() -> consumed(together, ChangeFeedProjection.NAME) > 0);
        runner(shared, "together", together, history); // joins: the group rebalances while the first applies
        send(shared, secondHalf);
        await().atMost(PATIENCE).until(() -> consumed(together, ChangeFeedProjection.NAME) > events.size() * 3L / 4);
        first.stop(); // leaves: its partitions move to the second instance
        awaitAllApplied(together, events.size());

        for (String collection : List.of(DealBoardProjection.COLLECTION, ContactCardProjection.COLLECTION)) {
            assertThat(Scenario.comparable(together, collection)).as(collection)
                    .isEqualTo(Scenario.comparable(alone, collection))
                    .hasSizeGreaterThan(10);
        }
        // The feed holds every event exactly once, at dense positions (their order across partitions may differ).
        List<Document> feed = all(together, ChangeFeedProjection.COLLECTION);
        assertThat(feed).extracting(d -> d.getString("eventId"))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(ParsedEvent::eventId).toList());
        assertThat(feed).extracting(d -> d.getLong("position")).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    }
}
