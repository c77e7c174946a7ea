package dev.eventcrm.projections.runner;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsApplication;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.KafkaTestBroker;
import dev.eventcrm.projections.testing.TestRunners;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.timeline.TimelineProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.NO_ANSWER;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runner against a real in-process Kafka broker (shared by the JVM) and the in-process MongoDB server. */
class ProjectionRunnerKafkaTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
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

    private ProjectionRunner startRunner(String topic, String group, MongoDatabase database, EventHistory history,
                                         MeterRegistry registry) {
        ProjectionRunner runner = TestRunners.runner(topic, TestRunners.settings(group, null, null), database,
                TestRunners.readModels(database, history), registry);
        runners.add(runner);
        runner.start();
        return runner;
    }

    private static RecordMetadata send(String topic, ParsedEvent event) {
        return send(topic, event.aggregateId(), event.envelope());
    }

    private static RecordMetadata send(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newTopic(int partitions) {
        String topic = "crm.events." + UUID.randomUUID();
        KafkaTestBroker.createTopic(topic, partitions);
        return topic;
    }

    /** The document, or an empty one while it does not exist yet (so awaited assertions fail, not throw). */
    private static Document byId(MongoDatabase database, String collection, String id) {
        Document document = MongoTestServer.byId(database, collection, id);
        return document == null ? new Document() : document;
    }

    private static Map<String, Long> storedOffsets(MongoDatabase database) {
        return all(database, OffsetStore.COLLECTION).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), d -> d.getLong("offset")));
    }

    /** The records a projection has consumed: the sum of its stored next offsets. */
    private static long consumed(MongoDatabase database, String projection) {
        return storedOffsets(database).entrySet().stream().filter(e -> e.getKey().startsWith(projection + "|"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        try {
            return registry.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
        } catch (MeterNotFoundException e) {
            return 0;
        }
    }

    @Test
    void poisonRecordGoesToDeadLettersWithoutStoppingLaterRecords() {
        String topic = newTopic(3);
        MongoDatabase database = mongo.freshDatabase();
        send(topic, dealOpened("d1", "c1", "1500.00", T0));
        send(topic, "d1", "{not json");
        send(topic, "d1", dealOpened("d1", "c1", "1.00", T0).envelope().replace("\"DealOpened\"", "\"DealClosed\""));
        RecordMetadata last = send(topic, stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(60)));
        send(topic, contactCreated("c1", "Ada", T0));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        startRunner(topic, "poison-group", database, new InMemoryEventHistory(), registry);

        await().atMost(PATIENCE).untilAsserted(() -> {
            Document deal = byId(database, DealBoardProjection.COLLECTION, "d1");
            assertThat(deal.getString("stage")).isEqualTo("QUALIFIED");
            assertThat(byId(database, ContactCardProjection.COLLECTION, "c1")).containsKey("name");
            assertThat(storedOffsets(database))
                    .containsEntry(DealBoardProjection.NAME + "|" + topic + "|" + last.partition(), last.offset() + 1)
                    .containsEntry(ChangeFeedProjection.NAME + "|" + topic + "|" + last.partition(), last.offset() + 1);
        });
        List<Document> deadLetters = all(database, DeadLetters.COLLECTION);
        assertThat(deadLetters).extracting(d -> d.getString("value"))
                .containsExactlyInAnyOrder("{not json", dealOpened("d1", "c1", "1.00", T0).envelope()
                        .replace("\"DealOpened\"", "\"DealClosed\""));
        assertThat(deadLetters).extracting(d -> d.getString("error")).anyMatch(e -> e.contains("DealClosed"));
        assertThat(count(registry, ProjectionMetrics.DEAD_LETTERS)).isEqualTo(2);
        assertThat(all(database, ChangeFeedProjection.COLLECTION)).hasSize(3);
    }

    @Test
    void restartResumesFromTheOffsetsStoredInMongoWithoutDoubleCounting() throws Exception {
        String topic = newTopic(3);
        String group = "restart-group";
        String databaseName = mongo.freshDatabaseName();
        MongoDatabase database = mongo.database(databaseName);
        send(topic, contactCreated("c1", "Ada", T0));
        send(topic, dealOpened("d1", "c1", "1500.00", T0.plusSeconds(1)));
        send(topic, callLogged("call-1", "c1", "d1", NO_ANSWER, T0.plusSeconds(2)));

        ProjectionRunner first = startRunner(topic, group, database, new InMemoryEventHistory(),
                new SimpleMeterRegistry());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(byId(database, DealBoardProjection.COLLECTION, "d1").getInteger("callCount")).isEqualTo(1);
            assertThat(byId(database, ContactCardProjection.COLLECTION, "c1").getInteger("callCount")).isEqualTo(1);
            assertThat(consumed(database, ChangeFeedProjection.NAME)).isEqualTo(3);
            assertThat(consumed(database, DealBoardProjection.NAME)).isEqualTo(3);
        });
        first.stop();

        // Rewind Kafka's own committed offsets: a runner that trusted them would replay the first three records.
        try (Admin admin = KafkaTestBroker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> rewound = IntStream.range(0, 3).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> new OffsetAndMetadata(0)));
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets(group, rewound).all().get(10, TimeUnit.SECONDS));
        }
        send(topic, callLogged("call-2", "c1", "d1", CONNECTED, T0.plusSeconds(30)));
        send(topic, stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(40)));

        // The restart goes through the application's own wiring, as a deployment would run it.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProjectionsApplication.class)
                .web(WebApplicationType.NONE)
                .run("--crm.kafka.bootstrap=" + KafkaTestBroker.bootstrap(),
                        "--crm.kafka.topic=" + topic,
                        "--crm.projections.group-id=" + group,
                        "--crm.mongodb.uri=" + mongo.uri(),
                        "--crm.mongodb.database=" + databaseName,
                        "--crm.projections.auto-rebuild=false")) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(PATIENCE).untilAsserted(() -> {
                Document deal = byId(database, DealBoardProjection.COLLECTION, "d1");
                assertThat(deal.getString("stage")).isEqualTo("QUALIFIED");
                assertThat(deal.getInteger("callCount")).isEqualTo(2);
                assertThat(deal.getString("lastCallOutcome")).isEqualTo("CONNECTED");
                assertThat(byId(database, ContactCardProjection.COLLECTION, "c1").getInteger("callCount"))
                        .isEqualTo(2);
                assertThat(count(registry, ProjectionMetrics.EVENTS, "projection", ChangeFeedProjection.NAME))
                        .isEqualTo(2);
            });
            assertThat(count(registry, ProjectionMetrics.EVENTS, "projection", DealBoardProjection.NAME,
                    "type", "CallLogged")).isEqualTo(1);
            assertThat(registry.get(ProjectionMetrics.LAG).tag("projection", DealBoardProjection.NAME).timer()
                    .count()).isEqualTo(2);
        }
        assertThat(all(database, ChangeFeedProjection.COLLECTION).stream()
                .sorted(Comparator.comparingLong(d -> d.getLong("position")))
                .map(d -> d.getString("type")).toList())
                .containsSubsequence("DealOpened", "CallLogged")
                .hasSize(5);
        assertThat(consumed(database, ContactCardProjection.NAME)).isEqualTo(5);
    }

    @Test
    void aRecordWhoseGapCannotBeHealedYetIsRetriedNotSkipped() {
        String topic = newTopic(1);
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent opened = dealOpened("d7", "c7", "70.00", T0); // stored, but never published
        InMemoryEventHistory history = new InMemoryEventHistory().store(opened).failNext(2);
        send(topic, stageMoved("d7", 1, "NEW", "WON", T0.plusSeconds(10)));
        send(topic, contactCreated("c7", "Eve", T0));

        startRunner(topic, "gap-group", database, history, new SimpleMeterRegistry());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(byId(database, ContactCardProjection.COLLECTION, "c7")).containsKey("name");
            assertThat(storedOffsets(database)).containsEntry(ContactCardProjection.NAME + "|" + topic + "|0", 2L);
        });
        Document deal = byId(database, DealBoardProjection.COLLECTION, "d7");
        assertThat(deal.getLong("version")).isEqualTo(1L);
        assertThat(deal.getString("stage")).isEqualTo("WON");
        assertThat(deal.getList("stageHistory", Document.class)).extracting(d -> d.getString("stage"))
                .containsExactly("NEW", "WON");
        // two failed attempts, the deal board's, the deal funnel's, the deal facts', the customer facts', the
        // manager KPIs' and the lead sources' healing, and the timeline's look-up of the deal's contact
        assertThat(history.calls()).isEqualTo(9);
        assertThat(byId(database, TimelineProjection.COLLECTION, "d7@0000000001").getString("contactId"))
                .isEqualTo("c7");
    }
}
