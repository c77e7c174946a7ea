package dev.eventcrm.command.publication;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.dispatch.CommitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes every committed event to Kafka, in global-index order, from the event store itself (a transactional
 * outbox: the command path never writes to Kafka, so an event committed just before a crash is published after the
 * restart). Woken on each local commit; polls otherwise.
 * <p>
 * Concurrent transactions commit out of global-index order, so a missing index may still appear: such gaps are
 * remembered and re-read until they fill or time out (rolled-back inserts never fill). Events beyond a gap are
 * published at once, which keeps lag low; the durable position only passes a gap once it is resolved, so a
 * restart re-publishes (at least once) rather than skips. Per-aggregate order holds because an aggregate's next
 * event is only written after its previous one committed.
 */
public class PublicationRelay implements CommitListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationRelay.class);
    /** Beyond this many missing indexes at once (e.g. a sequence jump), they cannot be in-flight transactions. */
    private static final int MAX_TRACKED_GAP = 10_000;
    /** How long an abandoned gap is still checked for a late commit. */
    private static final Duration ABANDONED_GAP_RETENTION = Duration.ofDays(1);

    private final StoredEvents store;
    private final PublicationPosition position;
    private final EnvelopeWriter envelopes;
    private final Producer<String, String> producer;
    private final CommandServiceProperties.Publication settings;
    private final KafkaTopic topic;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter published;

    private volatile boolean running;
    private Thread thread;

    private boolean leader;
    private long watermark;
    private long maxSeen;
    private long leaseRenewedUntil;
    private Instant nextAbandonedGapCheck = Instant.MIN;
    private boolean topicReady;
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();

    public PublicationRelay(StoredEvents store, PublicationPosition position, EnvelopeWriter envelopes,
                            Producer<String, String> producer, KafkaTopic topic, CommandServiceProperties properties,
                            MeterRegistry meters, Clock clock) {
        this.store = store;
        this.position = position;
        this.envelopes = envelopes;
        this.producer = producer;
        this.settings = properties.publication();
        this.topic = topic;
        this.clock = clock;
        this.published = Counter.builder("crm.publication.events").description("Events published to Kafka")
                .register(meters);
        meters.gauge("crm.publication.gaps", gaps, g -> g.size());
    }

    @Override
    public void eventsCommitted() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "publication-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.release();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leader) {
            position.release(owner);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long failures = 0;
        while (running) {
            try {
                boolean more = publishBatch();
                failures = 0;
                if (!more) {
                    long waitMs = (gaps.isEmpty() ? settings.idlePoll() : settings.gapPoll()).toMillis();
                    wakeUp.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (failures++ == 0) {
                    log.warn("Publishing to Kafka failed; retrying from the stored position", e);
                }
                leader = false;
                backOff(Math.min(5_000, 100L << Math.min(failures, 6)));
            }
        }
    }

    /** One round: returns true when a full batch was read and more may be waiting. */
    boolean publishBatch() throws Exception {
        if (!topicReady) {
            topic.ensureExists();
            topicReady = true;
        }
        Instant now = clock.instant();
        if (!leader) {
            OptionalLong stored = position.acquire(owner, now, now.plus(settings.lease()));
            if (stored.isEmpty()) {
                return false;
            }
            leader = true;
            watermark = stored.getAsLong();
            maxSeen = watermark;
            gaps.clear();
        }
        List<StoredEvent> events = new ArrayList<>();
        if (!gaps.isEmpty()) {
            events.addAll(store.at(gaps.keySet()));
        }
        List<StoredEvent> fresh = store.after(maxSeen, settings.batchSize());
        events.addAll(fresh);
        try {
            send(events);
        } catch (Exception e) {
            leader = false; // start again from the stored position: re-sending is safe, skipping is not
            throw e;
        }
        List<Long> expired = track(events, now);
        if (!expired.isEmpty()) {
            position.abandon(expired, now);
        }
        publishLateCommits(now);
        long newWatermark = gaps.isEmpty() ? maxSeen : gaps.firstKey() - 1;
        boolean renewDue = now.plus(settings.lease().dividedBy(2)).toEpochMilli() > leaseRenewedUntil;
        if (newWatermark != watermark || renewDue) {
            if (!position.advance(owner, newWatermark, now, now.plus(settings.lease()))) {
                leader = false;
                return false;
            }
            leaseRenewedUntil = now.plus(settings.lease()).toEpochMilli();
            watermark = newWatermark;
        }
        return fresh.size() == settings.batchSize();
    }

    private void send(List<StoredEvent> events) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            acks.add(producer.send(new ProducerRecord<>(topic.name(), event.aggregateId(), envelopes.write(event))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        published.increment(events.size());
    }

    /**
     * A gap given up on may still fill (a transaction that took longer than the gap timeout to commit): such events
     * are published when they appear. Their aggregates cannot have later events yet, so per-aggregate order holds.
     */
    private void publishLateCommits(Instant now) throws Exception {
        if (now.isBefore(nextAbandonedGapCheck)) {
            return;
        }
        nextAbandonedGapCheck = now.plus(settings.abandonedGapCheck());
        List<Long> abandoned = position.abandoned();
        if (abandoned.isEmpty()) {
            return;
        }
        List<StoredEvent> late = store.at(abandoned);
        send(late);
        position.forget(late.stream().map(StoredEvent::globalIndex).toList(), now.minus(ABANDONED_GAP_RETENTION));
    }

    /** Records which indexes are seen and which are missing; returns the missing ones given up on. */
    private List<Long> track(List<StoredEvent> events, Instant now) {
        for (StoredEvent event : events) {
            long index = event.globalIndex();
            if (index > maxSeen) {
                if (index - maxSeen - 1 <= MAX_TRACKED_GAP) {
                    for (long missing = maxSeen + 1; missing < index; missing++) {
                        gaps.put(missing, now);
                    }
                }
                maxSeen = index;
            } else {
                gaps.remove(index);
            }
        }
        List<Long> expired = new ArrayList<>();
        gaps.entrySet().removeIf(gap -> {
            boolean giveUp = gap.getValue().plus(settings.gapTimeout()).isBefore(now);
            if (giveUp) {
                expired.add(gap.getKey());
            }
            return giveUp;
        });
        return expired;
    }

    private void backOff(long millis) {
        try {
            wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
