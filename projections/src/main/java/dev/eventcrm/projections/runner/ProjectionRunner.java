package dev.eventcrm.projections.runner;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsKafkaProperties;
import dev.eventcrm.projections.ProjectionsProperties;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.changes.DurableHeadListener;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.event.UnparseableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Folds {@code crm.events} into the projections on one daemon thread, a polled batch at a time: each projection
 * applies the batch's events at or after its own position (one load, an in-memory fold and one compare-and-set
 * bulkWrite per collection), then every position is stored with one bulkWrite, then the store commits (documents
 * and positions in one commit on the embedded store), then the change feed's durable head is published. A batch
 * that fails is retried with capped backoff, never skipped; a record that cannot be read goes to
 * {@link DeadLetters}. A projection being rebuilt also gets every batch into its rebuild target (the "shadow").
 */
public class ProjectionRunner implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);
    /** Short, so that work queued between batches (a rebuild's switch-over) waits little on an idle topic. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ProjectionsKafkaProperties kafka;
    private final ProjectionsProperties settings;
    private final List<Projection> projections;
    private final EnvelopeParser parser;
    private final OffsetStore offsets;
    private final DeadLetters deadLetters;
    private final ProjectionMetrics metrics;
    private final StoreCommit store;
    private final List<DurableHeadListener> headListeners;

    /** Each projection's next offset per partition, as stored after the last batch. */
    private final Map<String, Map<TopicPartition, Long>> positions = new ConcurrentHashMap<>();
    private final Map<String, Projection> shadows = new ConcurrentHashMap<>();
    private final Queue<Runnable> betweenBatches = new ConcurrentLinkedQueue<>();
    private volatile long lagMillis;

    private volatile boolean running;
    private volatile boolean consuming;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /** @param projections applied in this order to each batch; keep the change feed last so that a client it
     *                    notifies finds the read models already updated */
    public ProjectionRunner(ProjectionsKafkaProperties kafka, ProjectionsProperties settings, MongoDatabase database,
                            List<Projection> projections, EnvelopeParser parser, MeterRegistry registry,
                            List<DurableHeadListener> headListeners) {
        this.kafka = kafka;
        this.settings = settings;
        this.projections = List.copyOf(projections);
        this.parser = parser;
        this.offsets = new OffsetStore(database, settings.storeTimeout());
        this.deadLetters = new DeadLetters(database, settings.storeTimeout());
        this.metrics = new ProjectionMetrics(registry);
        this.store = new StoreCommit(database, settings.storeCommitCommand(), settings.storeTimeout());
        this.headListeners = List.copyOf(headListeners);
    }

    public List<Projection> projections() {
        return projections;
    }

    /** The number of records the projection has consumed: the sum of its next offsets. */
    public long position(String projection) {
        return positions.getOrDefault(projection, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** How far behind the newest event of the last batch was when applied; 0 once a poll finds nothing new. */
    public long lagMillis() {
        return lagMillis;
    }

    /** From the next batch on, every batch is also applied to {@code target} (a rebuild's fresh collection). */
    public void addShadow(String projection, Projection target) {
        shadows.put(projection, target);
    }

    public void removeShadow(String projection) {
        shadows.remove(projection);
    }

    /**
     * Runs {@code action} on the runner's thread between two batches, so no batch writes while it runs; at once on
     * the caller's thread when the runner is not consuming.
     */
    public CompletableFuture<Void> betweenBatches(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        if (!consuming) {
            task.run();
            return done;
        }
        betweenBatches.add(task);
        if (!consuming && betweenBatches.remove(task)) {
            task.run(); // stopped consuming meanwhile
        }
        return done;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        thread = new Thread(this::run, "projection-runner");
        thread.setDaemon(true);
        thread.start();
        log.info("Projection runner started: topic {}, group {}, projections {}", kafka.topic(), settings.groupId(),
                projections.stream().map(Projection::name).toList());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopSignal.countDown();
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt(); // blocked in a MongoDB or history call that would outlast the shutdown
                thread.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Projection runner did not stop within {}", CLOSE_TIMEOUT.multipliedBy(2));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.isEnabled();
    }

    private void run() {
        if (untilSuccess(() -> "preparing the read models", () -> {
            projections.forEach(Projection::prepare);
            return Boolean.TRUE;
        }) == null) {
            return;
        }
        consuming = true;
        Duration backoff = FIRST_BACKOFF;
        try {
            while (running) {
                try {
                    consume();
                } catch (WakeupException e) {
                    // stop() woke the consumer up
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    log.error("Projection consumer failed; recreating it in {}", backoff, e);
                    pause(backoff);
                    backoff = nextBackoff(backoff);
                }
            }
        } finally {
            consuming = false;
            runBetweenBatches();
        }
        log.info("Projection runner stopped");
    }

    private void consume() {
        KafkaConsumer<String, String> kafkaConsumer = new KafkaConsumer<>(consumerConfig());
        consumer = kafkaConsumer;
        try {
            if (!running) {
                return; // stop() ran before the consumer could be woken up
            }
            kafkaConsumer.subscribe(List.of(kafka.topic()), new SeekToStoredPositions(kafkaConsumer));
            while (running) {
                ConsumerRecords<String, String> records = kafkaConsumer.poll(POLL_TIMEOUT);
                if (records.isEmpty()) {
                    lagMillis = 0;
                } else if (!applyBatch(records)) {
                    return; // stopping: nothing of this batch is acknowledged, it is applied again after the restart
                }
                runBetweenBatches();
            }
        } finally {
            consumer = null;
            kafkaConsumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    private void runBetweenBatches() {
        for (Runnable task = betweenBatches.poll(); task != null; task = betweenBatches.poll()) {
            task.run();
        }
    }

    /** A record as delivered: where it came from and what it says (null when unreadable). */
    private record Delivered(TopicPartition partition, long offset, ParsedEvent event) {
    }

    /** @return false when the runner is stopping before the batch was fully applied */
    private boolean applyBatch(ConsumerRecords<String, String> records) {
        List<Delivered> delivered = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            next.merge(partition, record.offset() + 1, Math::max);
            try {
                delivered.add(new Delivered(partition, record.offset(), parser.parse(record.value())));
            } catch (UnparseableEventException e) {
                if (untilSuccess(() -> "dead-lettering " + partition + "@" + record.offset(), () -> {
                    deadLetters.store(record, e.getMessage());
                    return Boolean.TRUE;
                }) == null) {
                    return false;
                }
                metrics.deadLettered();
                log.warn("Dead-lettered {}@{} (key {}): {}", partition, record.offset(), record.key(), e.getMessage());
            }
        }
        Map<String, Map<TopicPartition, Long>> advanced = new HashMap<>();
        for (Projection projection : projections) {
            Map<TopicPartition, Long> at = positions.getOrDefault(projection.name(), Map.of());
            List<ParsedEvent> events = delivered.stream()
                    .filter(d -> d.offset() >= at.getOrDefault(d.partition(), 0L))
                    .map(Delivered::event).toList();
            if (!apply(projection, events)) {
                return false;
            }
            Projection shadow = shadows.get(projection.name());
            if (shadow != null && !apply(shadow, delivered.stream().map(Delivered::event).toList())) {
                return false;
            }
            events.forEach(event -> metrics.applied(projection.name(), event));
            advanced.put(projection.name(), next);
        }
        if (untilSuccess(() -> "storing positions and committing the batch", () -> {
            offsets.save(advanced);
            store.commit();
            return Boolean.TRUE;
        }) == null) {
            return false;
        }
        advanced.forEach((name, partitions) -> positions.computeIfAbsent(name, key -> new ConcurrentHashMap<>())
                .putAll(partitions));
        publishHead();
        Instant newest = delivered.stream().map(d -> d.event().recordedAt()).max(Instant::compareTo)
                .orElse(Instant.now());
        lagMillis = Math.max(0, Duration.between(newest, Instant.now()).toMillis());
        return true;
    }

    private boolean apply(Projection projection, List<ParsedEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        return untilSuccess(() -> "applying " + events.size() + " events to " + projection.name() + " ("
                + projection.collection() + ")", () -> {
            projection.applyBatch(events);
            return Boolean.TRUE;
        }) != null;
    }

    /** After the commit: only now are the feed's positions safe from renumbering. */
    private void publishHead() {
        for (Projection projection : projections) {
            if (projection instanceof ChangeFeedProjection feed) {
                Long head = untilSuccess(() -> "publishing the change feed's durable head", feed::publishDurableHead);
                if (head != null) {
                    headListeners.forEach(listener -> listener.headAdvanced(head));
                }
            }
        }
    }

    /**
     * Runs the action until it succeeds, with capped exponential backoff, logging once per failure streak.
     *
     * @return the action's result, or null when the runner stops first
     */
    private <T> T untilSuccess(Supplier<String> what, Supplier<T> action) {
        Duration backoff = FIRST_BACKOFF;
        int failures = 0;
        while (running) {
            try {
                T result = action.get();
                if (failures > 0) {
                    log.info("Succeeded {} after {} failed attempts", what.get(), failures);
                }
                return result;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    log.warn("Failed {}; retrying with backoff up to {} until it succeeds", what.get(),
                            settings.maxRetryBackoff(), e);
                } else {
                    log.debug("Failed {} again (attempt {}): {}", what.get(), failures, e.toString());
                }
                if (!pause(backoff)) {
                    return null;
                }
                backoff = nextBackoff(backoff);
            }
        }
        return null;
    }

    private Duration nextBackoff(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : doubled;
    }

    /** @return false when the runner was stopped while waiting */
    private boolean pause(Duration duration) {
        try {
            return !stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
        if (settings.instanceId() != null && !settings.instanceId().isBlank()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
        }
        return config;
    }

    /**
     * Positions come from MongoDB, never from Kafka's committed offsets. A partition is read from the lowest
     * position of any projection; a projection with no position there yet (one just added) joins at that point,
     * having been backfilled from the event store.
     */
    private final class SeekToStoredPositions implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> kafkaConsumer;

        SeekToStoredPositions(KafkaConsumer<String, String> kafkaConsumer) {
            this.kafkaConsumer = kafkaConsumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<String, Map<TopicPartition, Long>> stored = new HashMap<>();
            for (Projection projection : projections) {
                Map<TopicPartition, Long> loaded = untilSuccess(() -> "reading the positions of " + projection.name(),
                        () -> offsets.load(projection.name()));
                if (loaded == null) {
                    return; // stopping: nothing will be processed
                }
                stored.put(projection.name(), loaded);
            }
            List<TopicPartition> fromBeginning = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OptionalLong lowest = stored.values().stream().filter(p -> p.containsKey(partition))
                        .mapToLong(p -> p.get(partition)).min();
                for (Projection projection : projections) {
                    Map<TopicPartition, Long> mine = positions.computeIfAbsent(projection.name(),
                            key -> new ConcurrentHashMap<>());
                    Long own = stored.get(projection.name()).get(partition);
                    mine.put(partition, own != null ? own : lowest.orElse(0L));
                }
                if (lowest.isPresent()) {
                    kafkaConsumer.seek(partition, lowest.getAsLong());
                } else {
                    fromBeginning.add(partition);
                }
            }
            if (!fromBeginning.isEmpty()) {
                kafkaConsumer.seekToBeginning(fromBeginning);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to flush: the position of every applied record is already stored
        }
    }
}
