package dev.eventcrm.query.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.LongStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.EmbeddedMongo;
import dev.eventcrm.query.QueryProperties;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hub on its own over the embedded MongoDB, with every command the driver sends recorded. */
class ChangeFeedHubTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NEVER = Duration.ofHours(1);
    private static final String[] TYPES = {"DealOpened", "DealStageMoved", "CallLogged"};

    private final Queue<Sent> commands = new ConcurrentLinkedQueue<>();
    private final List<Disposable> subscriptions = new ArrayList<>();
    private MongoClient client;
    private MongoDatabase database;
    private ChangeFeedHub hub;
    private long written;

    @BeforeEach
    void database() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedMongo.uri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(Sent.of(event));
                    }
                })
                .build());
        database = client.getDatabase("hub-test-" + UUID.randomUUID());
        Mono.from(database.getCollection("changes")
                .createIndex(Indexes.ascending("position"), new IndexOptions().unique(true))).block(TIMEOUT);
    }

    @AfterEach
    void close() {
        subscriptions.forEach(Disposable::dispose);
        if (hub != null) {
            hub.stop();
        }
        client.close();
    }

    @Test
    void fansOutEveryChangeOnceAndInOrderToManySubscribersEachWithItsFilter() {
        startHub(1000, 10_000, Duration.ofMillis(50), new ChangeRepository(database));
        List<BlockingQueue<Frame>> all = subscribe(100, new ChangeFilter(Set.of(), null, null));
        List<BlockingQueue<Frame>> calls = subscribe(100,
                new ChangeFilter(Set.of("CallLogged", "DealOpened"), null, null));
        List<BlockingQueue<Frame>> dealA = subscribe(100, new ChangeFilter(Set.of(), "deal-a", null));
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 300);

        List<Document> changes = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            changes.addAll(write(20, i -> i % 2 == 0 ? "deal-a" : "deal-b"));
            publishHead(written, batch % 2 == 0);
        }

        all.forEach(queue -> assertThat(take(queue, 120)).containsExactlyElementsOf(positions(changes, doc -> true)));
        calls.forEach(queue -> assertThat(take(queue, 80)).containsExactlyElementsOf(positions(changes,
                doc -> !doc.getString("type").equals("DealStageMoved"))));
        dealA.forEach(queue -> assertThat(take(queue, 60)).containsExactlyElementsOf(positions(changes,
                doc -> doc.getString("aggregateId").equals("deal-a"))));
    }

    @Test
    void neverReadsNorSendsAPositionAboveTheDurableHead() {
        startHub(1000, 10_000, Duration.ofMillis(20), new ChangeRepository(database));
        BlockingQueue<Frame> received = subscribe(1, new ChangeFilter(Set.of(), null, null)).get(0);
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 1);

        write(6, i -> "deal-a");
        publishHead(3, false);
        assertThat(take(received, 3)).containsExactly(1L, 2L, 3L);
        // Two more polls of the head saw 3 again: positions 4..6 exist but are not durable yet.
        long polls = count("change_feed_head");
        await().atMost(TIMEOUT).until(() -> count("change_feed_head") >= polls + 2);
        assertThat(received).isEmpty();
        assertThat(highestPositionAskedFor()).isEqualTo(3);

        publishHead(6, false);
        assertThat(take(received, 3)).containsExactly(4L, 5L, 6L);
        assertThat(highestPositionAskedFor()).isEqualTo(6);
    }

    @Test
    void readsTheFeedOnceWhateverTheNumberOfSubscribers() {
        // Woken only: no polls in the way of counting.
        startHub(1000, 10_000, NEVER, new ChangeRepository(database));
        List<BlockingQueue<Frame>> queues = new ArrayList<>(subscribe(1, new ChangeFilter(Set.of(), null, null)));
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 1 && count("projection_catalog") == 1);

        for (int subscribers : new int[] {1, 250}) {
            queues.addAll(subscribe(subscribers - queues.size(), new ChangeFilter(Set.of(), null, null)));
            await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == subscribers);
            commands.clear();

            List<Document> changes = write(10, i -> "deal-a");
            publishHead(written, true);

            queues.forEach(queue -> assertThat(take(queue, 10)).containsExactlyElementsOf(positions(changes, d -> true)));
            // Besides the writer's own insert and head update: one query, by the hub.
            assertThat(commands).as("commands with %d subscribers", subscribers).extracting(Sent::description)
                    .filteredOn(command -> !Set.of("insert changes", "update change_feed_head").contains(command))
                    .containsExactly("find changes");
        }
    }

    @Test
    void completesASlowSubscriberWhoseBufferOverflowsAndItsResumeLosesNothing() {
        startHub(8, 10_000, Duration.ofMillis(50), new ChangeRepository(database));
        BlockingQueue<Frame> fast = subscribe(1, new ChangeFilter(Set.of(), null, null)).get(0);
        List<Long> slowReceived = new ArrayList<>();
        AtomicReference<String> slowEnd = new AtomicReference<>();
        BaseSubscriber<Frame> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1); // then reads nothing until told to
            }

            @Override
            protected void hookOnNext(Frame frame) {
                slowReceived.add(frame.position());
            }

            @Override
            protected void hookOnComplete() {
                slowEnd.set("completed");
            }

            @Override
            protected void hookOnError(Throwable error) {
                slowEnd.set("failed: " + error);
            }
        };
        hub.follow(0, new ChangeFilter(Set.of(), null, null)).subscribe(slow);
        subscriptions.add(slow);
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 2);

        List<Document> changes = write(50, i -> "deal-a");
        publishHead(written, true);

        // The fast subscriber is not held back by the slow one.
        assertThat(take(fast, 50)).containsExactlyElementsOf(positions(changes, d -> true));
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 1); // the slow one was dropped on overflow
        slow.request(Long.MAX_VALUE);
        await().atMost(TIMEOUT).until(() -> slowEnd.get() != null);
        assertThat(slowEnd.get()).isEqualTo("completed");
        long lastSeen = slowReceived.get(slowReceived.size() - 1);
        assertThat(slowReceived).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeen).boxed().toList());
        assertThat(lastSeen).isLessThan(50);

        // The client resumes with Last-Event-ID = the last id it got.
        BlockingQueue<Frame> resumed = subscribe(lastSeen, 1, new ChangeFilter(Set.of(), null, null)).get(0);
        assertThat(take(resumed, (int) (50 - lastSeen)))
                .containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, 50).boxed().toList());
        write(1, i -> "deal-a");
        publishHead(written, true);
        assertThat(take(resumed, 1)).containsExactly(51L);
    }

    @Test
    void resumeFromBeforeTheRingReadsTheStoreThenTheRingThenJoinsLiveWithoutGapOrDuplicate() {
        AtomicBoolean moved = new AtomicBoolean();
        AtomicReference<BlockingQueue<Frame>> keeper = new AtomicReference<>();
        // The first read of the late subscriber's catch-up lets 100 changes land and the ring move past it first.
        ChangeRepository changes = new ChangeRepository(database) {
            @Override
            Mono<List<Change>> readWindow(long after, int window) {
                return Mono.defer(() -> {
                    if (!Thread.currentThread().getName().equals("change-feed-hub") && moved.compareAndSet(false, true)) {
                        write(100, i -> "deal-" + i % 3);
                        publishHead(written, true);
                        take(keeper.get(), 100);
                    }
                    return super.readWindow(after, window);
                });
            }
        };
        startHub(16, 64, NEVER, changes);
        keeper.set(subscribe(1, new ChangeFilter(Set.of(), null, null)).get(0));
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 1);
        write(200, i -> "deal-" + i % 3);
        publishHead(written, true);
        take(keeper.get(), 200);

        BlockingQueue<Frame> late = subscribe(10, 1, new ChangeFilter(Set.of(), null, null)).get(0);
        // Store 11..236, ring chunks (more than its buffer of 16 behind), then live.
        assertThat(take(late, 290)).containsExactlyElementsOf(LongStream.rangeClosed(11, 300).boxed().toList());
        await().atMost(TIMEOUT).until(() -> hub.liveSubscribers() == 2);
        write(20, i -> "deal-" + i % 3);
        publishHead(written, true);
        assertThat(take(late, 20)).containsExactlyElementsOf(LongStream.rangeClosed(301, 320).boxed().toList());
        assertThat(late).isEmpty();
        assertThat(moved).isTrue();
    }

    private void startHub(int buffer, int ring, Duration poll, ChangeRepository changes) {
        QueryProperties properties = new QueryProperties(50, 200, Duration.ofSeconds(1), poll, NEVER, buffer, ring,
                poll.compareTo(NEVER) == 0 ? NEVER : Duration.ofMillis(100), 50, 500, 0, Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        hub = new ChangeFeedHub(changes, new RebuildProgress(database), properties);
        hub.start();
    }

    private List<BlockingQueue<Frame>> subscribe(int count, ChangeFilter filter) {
        return subscribe(written, count, filter);
    }

    private List<BlockingQueue<Frame>> subscribe(long after, int count, ChangeFilter filter) {
        List<BlockingQueue<Frame>> queues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
            subscriptions.add(hub.follow(after, filter).filter(Frame::isChange).subscribe(queue::add));
            queues.add(queue);
        }
        return queues;
    }

    /** Writes {@code count} changes at the next dense positions, as the projections' single writer does. */
    private List<Document> write(int count, Function<Integer, String> aggregate) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long position = ++written;
            String type = TYPES[(int) (position % TYPES.length)];
            docs.add(new Document("_id", UUID.randomUUID().toString()).append("position", position)
                    .append("type", type).append("aggregateType", "Deal").append("aggregateId", aggregate.apply(i))
                    .append("sequence", 1L).append("recordedAt", new Date())
                    .append("envelope", "{\"type\":\"" + type + "\",\"position\":" + position + "}"));
        }
        Mono.from(database.getCollection("changes").insertMany(docs)).block(TIMEOUT);
        return docs;
    }

    private void publishHead(long position, boolean wakeUp) {
        Mono.from(database.getCollection("change_feed_head").updateOne(new Document("_id", "change-feed"),
                new Document("$max", new Document("position", position)), new UpdateOptions().upsert(true)))
                .block(TIMEOUT);
        if (wakeUp) {
            hub.headAdvanced(position);
        }
    }

    private static List<Long> take(BlockingQueue<Frame> queue, int count) {
        List<Long> positions = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (positions.size() < count) {
                Frame frame = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(frame).as("frame %d of %d within %s", positions.size() + 1, count, TIMEOUT).isNotNull();
                positions.add(frame.position());
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return positions;
    }

    private static List<Long> positions(List<Document> changes, java.util.function.Predicate<Document> wanted) {
        return changes.stream().filter(wanted).map(doc -> doc.getLong("position")).toList();
    }

    private long count(String collection) {
        return commands.stream().filter(command -> command.description().equals("find " + collection)).count();
    }

    private long highestPositionAskedFor() {
        return commands.stream().filter(command -> command.description().equals("find changes"))
                .mapToLong(Sent::highestPosition).max().orElse(0);
    }

    /** What a command asked for, copied while the driver's command document is still valid. */
    private record Sent(String description, long highestPosition) {

        static Sent of(CommandStartedEvent event) {
            BsonDocument body = event.getCommand();
            BsonValue collection = body.get(event.getCommandName());
            String description = event.getCommandName() + (collection != null && collection.isString()
                    ? " " + collection.asString().getValue() : "");
            long highest = 0;
            BsonDocument filter = body.containsKey("filter") ? body.getDocument("filter") : new BsonDocument();
            if (filter.isDocument("position") && filter.getDocument("position").isArray("$in")) {
                highest = filter.getDocument("position").getArray("$in").stream()
                        .mapToLong(value -> value.asNumber().longValue()).max().orElse(0);
            }
            return new Sent(description, highest);
        }
    }
}
