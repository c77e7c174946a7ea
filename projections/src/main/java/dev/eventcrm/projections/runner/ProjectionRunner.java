package dev.eventcrm.projections.runner;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsKafkaProperties;
import dev.eventcrm.projections.ProjectionsProperties;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Folds {@code crm.events} into the projections on one daemon thread. Positions live in MongoDB
 * ({@link OffsetStore}), written after each record has been applied to every projection; Kafka commits only feed
 * lag monitoring. A record that fails to apply is retried with capped backoff, never skipped; a record that cannot
 * be read goes to {@link DeadLetters} so it cannot stop the board.
 */
public class ProjectionRunner implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final String DEAD_LETTERED = "\0dead-lettered";

    private final ProjectionsKafkaProperties kafka;
    private final ProjectionsProperties settings;
    private final List<Projection> projections;
    private final EnvelopeParser parser;
    private final OffsetStore offsets;
    private final DeadLetters deadLetters;
    private final ProjectionMetrics metrics;

    private volatile boolean running;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /** @param projections applied in this order to each record; keep the change feed last so that a client it
     *                    notifies finds the read models already updated */
    public ProjectionRunner(ProjectionsKafkaProperties kafka, ProjectionsProperties settings, MongoDatabase database,
                            List<Projection> projections, EnvelopeParser parser, MeterRegistry registry) {
        this.kafka = kafka;
        this.settings = settings;
        this.projections = List.copyOf(projections);
        this.parser = parser;
        this.offsets = new OffsetStore(database, settings.storeTimeout());
        this.deadLetters = new DeadLetters(database, settings.storeTimeout());
        this.metrics = new ProjectionMetrics(registry);
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
        Duration backoff = FIRST_BACKOFF;
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
        log.info("Projection runner stopped");
    }

    private void consume() {
        KafkaConsumer<String, String> kafkaConsumer = new KafkaConsumer<>(consumerConfig());
        consumer = kafkaConsumer;
        try {
            if (!running) {
                return; // stop() ran before the consumer could be woken up
            }
            kafkaConsumer.subscribe(List.of(kafka.topic()), new SeekToStoredOffsets(kafkaConsumer));
            while (running) {
                ConsumerRecords<String, String> records = kafkaConsumer.poll(POLL_TIMEOUT);
                Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    if (!process(record)) {
                        return; // nothing of this batch is acknowledged: it is applied again after the restart
                    }
                    applied.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                // Once per polled batch rather than per record: a crash in between replays the batch, harmlessly.
                if (!applied.isEmpty() && flushProjections() && saveOffsets(applied)) {
                    kafkaConsumer.commitAsync(applied, (committed, error) -> {
                        if (error != null) {
                            log.debug("Kafka offset commit failed (positions are kept in MongoDB)", error);
                        }
                    });
                }
            }
        } finally {
            consumer = null;
            kafkaConsumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    /** @return false when the runner is stopping before the record was fully applied */
    private boolean process(ConsumerRecord<String, String> record) {
        Set<String> done = new HashSet<>();
        return untilSuccess(() -> "applying " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                () -> {
                    handle(record, done);
                    return Boolean.TRUE;
                }) != null;
    }

    /** @param done projections (and the dead-letter step) that already succeeded for this record, across retries */
    private void handle(ConsumerRecord<String, String> record, Set<String> done) {
        ParsedEvent event;
        try {
            event = parser.parse(record.value());
        } catch (UnparseableEventException e) {
            if (!done.contains(DEAD_LETTERED)) {
                deadLetters.store(record, e.getMessage());
                done.add(DEAD_LETTERED);
                metrics.deadLettered();
                log.warn("Dead-lettered {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                        record.key(), e.getMessage());
            }
            return;
        }
        for (Projection projection : projections) {
            if (done.add(projection.name())) {
                try {
                    projection.apply(event);
                } catch (RuntimeException e) {
                    done.remove(projection.name());
                    throw e;
                }
                metrics.applied(projection.name(), event);
            }
        }
    }

    /** @return false when the runner is stopping before every projection wrote what it buffered */
    private boolean flushProjections() {
        return untilSuccess(() -> "writing the batch's buffered changes", () -> {
            projections.forEach(Projection::flush);
            return Boolean.TRUE;
        }) != null;
    }

    /** @return false when the runner is stopping before the offsets were stored */
    private boolean saveOffsets(Map<TopicPartition, OffsetAndMetadata> applied) {
        return untilSuccess(() -> "storing offsets " + applied, () -> {
            applied.forEach((partition, offset) -> offsets.save(settings.groupId(), partition, offset.offset()));
            return Boolean.TRUE;
        }) != null;
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
        if (settings.instanceId() != null && !settings.instanceId().isBlank()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
        }
        return config;
    }

    /** Positions come from MongoDB, not from Kafka's committed offsets. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> kafkaConsumer;

        SeekToStoredOffsets(KafkaConsumer<String, String> kafkaConsumer) {
            this.kafkaConsumer = kafkaConsumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> fromBeginning = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OptionalLong stored = untilSuccess(() -> "reading the stored offset of " + partition,
                        () -> offsets.load(settings.groupId(), partition));
                if (stored == null) {
                    return; // stopping: nothing will be processed
                }
                if (stored.isPresent()) {
                    kafkaConsumer.seek(partition, stored.getAsLong());
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
