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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes every committed event to Kafka from the event store itself (a transactional outbox: the command path
 * never writes to Kafka, so an event committed just before a crash is published after the restart). Woken on each
 * local commit; polls otherwise.
 * <p>
 * Concurrent transactions commit out of global-index order, so a missing index may still appear: such gaps are
 * remembered and re-read until they fill or time out (rolled-back inserts never fill). Events beyond a gap are
 * published at once, which keeps lag low. Each round reads new rows and open gaps in ONE statement (one snapshot),
 * and every row comes with the index of its aggregate's previous event: a row whose predecessor is still an
 * unpublished gap (open, not re-read this round, or given up on) is held back until the predecessor went out, so
 * per-aggregate order holds in every interleaving. The durable position passes a gap only once the gap is resolved
 * or recorded as open, so a restart neither skips an event nor re-publishes more than about one batch.
 */
public class PublicationRelay implements CommitListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationRelay.class);
    /** Beyond this many missing indexes at once (e.g. a sequence jump), they cannot be in-flight transactions. */
    private static final int MAX_TRACKED_GAP = 10_000;
    /** Open gaps re-read per statement at most (the most overdue first), which bounds the statement. */
    static final int MAX_GAPS_PER_READ = 128;
    /** How long an abandoned gap is still checked for a late commit. */
    private static final Duration ABANDONED_GAP_RETENTION = Duration.ofDays(1);
    /**
     * Younger gaps hold the stored position back instead of being written down: nearly all are commits in flight
     * that fill within milliseconds, and recording each would add two writes per round.
     */
    private static final Duration PERSIST_GAPS_AFTER = Duration.ofSeconds(1);

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
    private final Counter reads;

    private volatile boolean running;
    private Thread thread;

    private boolean leader;
    private long watermark;
    private long maxSeen;
    private long leaseRenewedUntil;
    private Instant nextAbandonedGapCheck = Instant.MIN;
    private boolean topicReady;
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    /** Test seam: runs right after the round's read, before anything is sent. */
    Runnable afterRead = () -> { };

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
        this.reads = Counter.builder("crm.publication.reads").description("Event store reads by the relay")
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
        if (leader && !thread.isAlive()) {
            try {
                checkpoint(clock.instant(), true); // so that a restart re-publishes nothing
            } catch (RuntimeException e) {
                log.warn("Could not store the publication position on shutdown", e);
            }
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
                    wakeUp.tryAcquire(pollDelay().toMillis(), TimeUnit.MILLISECONDS);
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

    /**
     * How long the relay waits for a commit before reading again: until the next open gap is due for a re-read, at
     * most the idle poll. A gap's re-reads back off exponentially (from the gap poll up to the idle poll), so a
     * rolled-back insert costs about a hundred reads instead of one every gap poll until it times out.
     */
    Duration pollDelay() {
        Instant now = clock.instant();
        Duration delay = settings.idlePoll();
        for (Gap gap : gaps.values()) {
            Duration untilDue = Duration.between(now, gap.nextCheck);
            if (untilDue.compareTo(delay) < 0) {
                delay = untilDue.isNegative() ? Duration.ZERO : untilDue;
            }
        }
        return delay;
    }

    /** One round: returns true when more may be waiting (a full batch was read, or an event was held back). */
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
            position.openGaps(watermark).forEach((index, firstSeen) ->
                    gaps.put(index, new Gap(firstSeen, now, true)));
        }
        boolean withAbandoned = !now.isBefore(nextAbandonedGapCheck);
        List<Long> gapsRead = gapsToRead();
        long readAfter = maxSeen;
        List<PendingEvent> rows = store.pending(readAfter, settings.batchSize(), gapsRead, withAbandoned);
        reads.increment();
        if (withAbandoned) {
            nextAbandonedGapCheck = now.plus(settings.abandonedGapCheck());
        }
        afterRead.run();

        List<StoredEvent> ready = new ArrayList<>(rows.size());
        List<Long> filledRecorded = new ArrayList<>();
        Set<Long> lateCommits = new HashSet<>();
        boolean heldBack = false;
        for (PendingEvent row : rows) {
            if (waitsForPredecessor(row, lateCommits, now)) {
                heldBack = true;
                break;
            }
            StoredEvent event = row.event();
            long index = event.globalIndex();
            if (index > maxSeen) {
                if (index - maxSeen - 1 <= MAX_TRACKED_GAP) {
                    for (long missing = maxSeen + 1; missing < index; missing++) {
                        gaps.put(missing, new Gap(now, now.plus(settings.gapPoll()), false));
                    }
                }
                maxSeen = index;
            } else {
                Gap filled = gaps.remove(index);
                if (filled == null) {
                    lateCommits.add(index);
                } else if (filled.recorded) {
                    filledRecorded.add(index);
                }
            }
            ready.add(event);
        }
        try {
            send(ready);
        } catch (Exception e) {
            leader = false; // start again from the stored position: re-sending is safe, skipping is not
            throw e;
        }
        backOffReads(gapsRead, now);
        List<Long> expired = expire(now);
        if (!expired.isEmpty()) {
            position.abandon(expired, now);
        }
        if (!filledRecorded.isEmpty()) {
            position.closeOpen(filledRecorded);
        }
        if (withAbandoned) {
            position.forget(lateCommits, now.minus(ABANDONED_GAP_RETENTION));
        }
        if (!checkpoint(now, false)) {
            return false;
        }
        long freshRead = rows.stream().filter(row -> row.event().globalIndex() > readAfter).count();
        return heldBack || freshRead == settings.batchSize();
    }

    /**
     * True when the row's aggregate has an earlier event that is stored (the statement saw it) but not yet
     * published: a gap that filled without being re-read this round, or one given up on. That event is then read
     * first in the next round.
     */
    private boolean waitsForPredecessor(PendingEvent row, Set<Long> lateCommits, Instant now) {
        long predecessor = row.predecessor();
        if (predecessor == 0) {
            return false;
        }
        Gap open = gaps.get(predecessor);
        if (open != null) {
            open.nextCheck = Instant.MIN;
            return true;
        }
        if (row.predecessorAbandoned() && !lateCommits.contains(predecessor)) {
            nextAbandonedGapCheck = now;
            return true;
        }
        return false;
    }

    /** The open gaps to re-read in this round's statement: all of them, or the most overdue when there are many. */
    private List<Long> gapsToRead() {
        if (gaps.size() <= MAX_GAPS_PER_READ) {
            return List.copyOf(gaps.keySet());
        }
        return gaps.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Long, Gap> gap) -> gap.getValue().nextCheck)
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_GAPS_PER_READ).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Schedules the next re-read of each gap just read at twice its age (within the gap poll and the idle poll): an
     * in-flight commit fills within milliseconds, while a gap that stayed open is probably a rolled-back insert.
     */
    private void backOffReads(List<Long> gapsRead, Instant now) {
        for (long index : gapsRead) {
            Gap gap = gaps.get(index);
            if (gap != null) {
                Duration age = Duration.between(gap.firstSeen, now);
                Duration wait = age.compareTo(settings.gapPoll()) < 0 ? settings.gapPoll()
                        : age.compareTo(settings.idlePoll()) > 0 ? settings.idlePoll() : age;
                gap.nextCheck = now.plus(wait);
            }
        }
    }

    /** Removes and returns the gaps waited for longer than the gap timeout. */
    private List<Long> expire(Instant now) {
        List<Long> expired = new ArrayList<>();
        gaps.entrySet().removeIf(gap -> {
            boolean giveUp = gap.getValue().firstSeen.plus(settings.gapTimeout()).isBefore(now);
            if (giveUp) {
                expired.add(gap.getKey());
            }
            return giveUp;
        });
        return expired;
    }

    /**
     * Stores the position: past every published row, and past open gaps once they are recorded. A young gap holds
     * it back unless more than a batch of rows lies beyond it, which caps what a crash re-publishes. Returns false
     * when the lease was lost.
     */
    private boolean checkpoint(Instant now, boolean recordAllGaps) {
        long target = maxSeen;
        Map<Long, Instant> toRecord = new LinkedHashMap<>();
        for (Map.Entry<Long, Gap> entry : gaps.entrySet()) {
            long index = entry.getKey();
            Gap gap = entry.getValue();
            boolean young = gap.firstSeen.plus(PERSIST_GAPS_AFTER).isAfter(now);
            if (!recordAllGaps && !gap.recorded && young && maxSeen - index <= settings.batchSize()) {
                target = index - 1;
                break;
            }
            if (!gap.recorded) {
                toRecord.put(index, gap.firstSeen);
            }
        }
        boolean renewDue = now.plus(settings.lease().dividedBy(2)).toEpochMilli() > leaseRenewedUntil;
        if (target == watermark && !renewDue) {
            return true;
        }
        if (!toRecord.isEmpty()) {
            position.recordOpen(toRecord);
            toRecord.keySet().forEach(index -> gaps.get(index).recorded = true);
        }
        if (!position.advance(owner, target, now, now.plus(settings.lease()))) {
            leader = false;
            return false;
        }
        leaseRenewedUntil = now.plus(settings.lease()).toEpochMilli();
        watermark = target;
        return true;
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

    private void backOff(long millis) {
        try {
            wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A missing global index the relay waits for. */
    private static final class Gap {
        final Instant firstSeen;
        Instant nextCheck;
        /** Written to publication_open_gap, so the stored position may pass it. */
        boolean recorded;

        Gap(Instant firstSeen, Instant nextCheck, boolean recorded) {
            this.firstSeen = firstSeen;
            this.nextCheck = nextCheck;
            this.recorded = recorded;
        }
    }
}
