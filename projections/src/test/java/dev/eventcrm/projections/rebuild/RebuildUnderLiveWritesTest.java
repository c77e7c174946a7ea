package dev.eventcrm.projections.rebuild;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsProperties;
import dev.eventcrm.projections.admin.ProjectionCatalog;
import dev.eventcrm.projections.admin.ProjectionStatus;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.runner.ProjectionRunner;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.KafkaTestBroker;
import dev.eventcrm.projections.testing.TestRunners;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.testing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild from the event store while commands keep landing: the rebuilt read models equal a fold of the whole
 * history (nothing lost, nothing counted twice), the fresh collection replaced the live one, and the change feed,
 * which clients hold positions in, refuses to be rebuilt.
 */
class RebuildUnderLiveWritesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static MongoTestServer mongo;
    private static KafkaProducer<String, String> producer;

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

    /** The event store: events get a global index as they are appended; the relay then sends them to Kafka. */
    private static final class Store implements EventLog {
        private final List<ParsedEvent> events = new ArrayList<>();
        private final InMemoryEventHistory history = new InMemoryEventHistory();
        private final CountDownLatch firstPageRead = new CountDownLatch(1);
        private final CountDownLatch liveWritesUnderWay = new CountDownLatch(1);
        private int pages;

        synchronized void append(ParsedEvent event) {
            events.add(event);
            history.store(event);
        }

        @Override
        public Page after(long globalIndex, int limit) {
            Page page;
            int read;
            synchronized (this) {
                int from = (int) Math.min(globalIndex, events.size());
                List<ParsedEvent> slice = List.copyOf(events.subList(from, Math.min(events.size(), from + limit)));
                page = new Page(slice, from + slice.size(), events.size());
                read = ++pages;
            }
            firstPageRead.countDown();
            if (read == 2) {
                awaitLatch(liveWritesUnderWay); // the rest of the scan overlaps live writes for sure
            }
            return page;
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRebuildOfAnEmptyEventStoreGoesLiveWithAnEmptyCollection() {
        MongoDatabase database = mongo.freshDatabase();
        Store store = new Store();
        store.liveWritesUnderWay.countDown();
        ProjectionsProperties settings = TestRunners.settings("empty-group", 40, 50);
        ProjectionRunner runner = TestRunners.runner("unused", settings, database,
                List.of(DealBoardProjection.create(database, store.history, TIMEOUT)), new SimpleMeterRegistry());
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(runner, new ProjectionCatalog(database, TIMEOUT), store,
                database, settings, Clock.systemUTC());
        rebuilds.start(); // the runner is not consuming: the switch-over runs on the rebuild's own thread
        try {
            rebuilds.rebuild(DealBoardProjection.NAME);
            await().atMost(PATIENCE).untilAsserted(() -> {
                ProjectionStatus status = rebuilds.status(DealBoardProjection.NAME);
                assertThat(status.version()).isEqualTo(DealBoardProjection.VERSION);
                assertThat(status.rebuild().finishedAt()).isNotNull();
            });
        } finally {
            rebuilds.stop();
        }
        assertThat(Flux.from(database.listCollectionNames()).collectList().block(TIMEOUT))
                .contains(DealBoardProjection.COLLECTION).noneMatch(name -> name.contains("__v"));
    }

    @Test
    void aProjectionFoundOutdatedAtStartupIsRebuildingFromTheFirstStatusOn() {
        MongoDatabase database = mongo.freshDatabase();
        ProjectionCatalog catalog = new ProjectionCatalog(database, TIMEOUT);
        catalog.save(new ProjectionCatalog.Entry(DealBoardProjection.NAME, DealBoardProjection.VERSION - 1,
                ProjectionStatus.LIVE, true, null));
        CountDownLatch logReadable = new CountDownLatch(1);
        EventLog slowLog = (after, limit) -> {
            awaitLatch(logReadable);
            return new EventLog.Page(List.of(), after, 0);
        };
        ProjectionsProperties manual = TestRunners.settings("outdated-group", 40, 50);
        ProjectionsProperties settings = new ProjectionsProperties(true, manual.groupId(), null, null, null, TIMEOUT,
                Duration.ofMillis(200), 40, null, 50, true); // rebuilds what is outdated at startup
        ProjectionRunner runner = TestRunners.runner("unused", settings, database,
                List.of(DealBoardProjection.create(database, new InMemoryEventHistory(), TIMEOUT)),
                new SimpleMeterRegistry());
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(runner, catalog, slowLog, database, settings,
                Clock.systemUTC());

        rebuilds.start();
        try {
            // the outdated collection is never reported LIVE, not even before the rebuild's own thread has run
            assertThat(rebuilds.status(DealBoardProjection.NAME).state()).isEqualTo(ProjectionStatus.REBUILDING);
            assertThatThrownBy(() -> rebuilds.rebuild(DealBoardProjection.NAME))
                    .isInstanceOf(ProjectionRebuilds.RebuildRefused.class);
            logReadable.countDown();
            await().atMost(PATIENCE).untilAsserted(() -> {
                ProjectionStatus status = rebuilds.status(DealBoardProjection.NAME);
                assertThat(status.state()).isEqualTo(ProjectionStatus.LIVE);
                assertThat(status.version()).isEqualTo(DealBoardProjection.VERSION);
            });
        } finally {
            logReadable.countDown();
            rebuilds.stop();
        }
    }

    @Test
    void aRebuildUnderLiveWritesLosesAndDuplicatesNothing() throws Exception {
        List<ParsedEvent> events = Scenario.generate(11, 10, 20, 800);
        String topic = "rebuild-" + UUID.randomUUID();
        KafkaTestBroker.createTopic(topic, 3);
        MongoDatabase database = mongo.freshDatabase();
        Store store = new Store();
        ProjectionsProperties settings = TestRunners.settings("rebuild-group", 40, 50);
        ProjectionRunner runner = TestRunners.runner(topic, settings, database,
                TestRunners.readModels(database, store.history), new SimpleMeterRegistry());
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(runner, new ProjectionCatalog(database, TIMEOUT), store,
                database, settings, Clock.systemUTC());
        int before = 300;
        for (ParsedEvent event : events.subList(0, before)) {
            store.append(event);
            KafkaTestBroker.sendAndWait(producer, topic, event.aggregateId(), event.envelope());
        }
        runner.start();
        rebuilds.start();
        try {
            await().atMost(PATIENCE).until(() -> runner.position(ChangeFeedProjection.NAME) == before);

            assertThat(rebuilds.rebuild(DealBoardProjection.NAME).state()).isEqualTo(ProjectionStatus.REBUILDING);
            assertThat(rebuilds.rebuild(ContactCardProjection.NAME).state()).isEqualTo(ProjectionStatus.REBUILDING);
            assertThatThrownBy(() -> rebuilds.rebuild(DealBoardProjection.NAME))
                    .isInstanceOf(ProjectionRebuilds.RebuildRefused.class).hasMessageContaining("running");
            assertThatThrownBy(() -> rebuilds.rebuild(ChangeFeedProjection.NAME))
                    .isInstanceOf(ProjectionRebuilds.RebuildRefused.class);
            awaitLatch(store.firstPageRead);
            CompletableFuture<Void> commands = CompletableFuture.runAsync(() -> {
                List<ParsedEvent> rest = events.subList(before, events.size());
                for (int i = 0; i < rest.size(); i++) {
                    store.append(rest.get(i));
                    KafkaTestBroker.sendAndWait(producer, topic, rest.get(i).aggregateId(), rest.get(i).envelope());
                    if (i == rest.size() / 2) {
                        store.liveWritesUnderWay.countDown();
                    }
                }
            });

            await().atMost(PATIENCE).untilAsserted(() -> {
                for (String name : List.of(DealBoardProjection.NAME, ContactCardProjection.NAME)) {
                    ProjectionStatus status = rebuilds.status(name);
                    assertThat(status.state()).isEqualTo(ProjectionStatus.LIVE);
                    assertThat(status.version()).isEqualTo(name.equals(DealBoardProjection.NAME)
                            ? DealBoardProjection.VERSION : ContactCardProjection.VERSION);
                    assertThat(status.rebuild().finishedAt()).isNotNull();
                }
            });
            commands.get(60, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> runner.position(ChangeFeedProjection.NAME) == events.size());
        } finally {
            rebuilds.stop();
            runner.stop();
        }

        MongoDatabase reference = mongo.freshDatabase();
        DealBoardProjection.create(reference, store.history, TIMEOUT).applyBatch(events);
        ContactCardProjection.create(reference, store.history, TIMEOUT).applyBatch(events);
        for (String collection : List.of(DealBoardProjection.COLLECTION, ContactCardProjection.COLLECTION)) {
            assertThat(Scenario.comparable(database, collection)).as(collection)
                    .isEqualTo(Scenario.comparable(reference, collection));
        }
        List<String> collections = Flux.from(database.listCollectionNames()).collectList().block(TIMEOUT);
        assertThat(collections).contains(DealBoardProjection.COLLECTION, ContactCardProjection.COLLECTION)
                .noneMatch(name -> name.contains("__v"));
        assertThat(rebuilds.status(DealBoardProjection.NAME).rebuild().eventsDone()).isGreaterThanOrEqualTo(before);
    }
}
