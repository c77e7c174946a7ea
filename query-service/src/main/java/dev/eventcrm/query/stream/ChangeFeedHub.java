package dev.eventcrm.query.stream;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventcrm.query.QueryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one change-feed reader of this instance. Its thread reads the positions after its cursor, up to the durable
 * head and never above it, by exact position; appends them to a ring of recent frames, each encoded once; and hands
 * them to every live subscriber whose filter wants them. It runs only while someone subscribes, woken by
 * {@link #headAdvanced} or, without wake-ups, by polling the head document.
 * <p>
 * A new subscriber catches up on its own: from MongoDB while its position is older than the ring, then from the
 * ring, and joins the live fan-out under the same lock that appends to the ring, so it sees every position once.
 * A subscriber whose bounded buffer overflows is completed; its client resumes with {@code Last-Event-ID}.
 */
@Component
public class ChangeFeedHub implements ChangeFeedWakeUp, SmartLifecycle {

    static final int BATCH_SIZE = 500;
    private static final Logger log = LoggerFactory.getLogger(ChangeFeedHub.class);
    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ChangeRepository changes;
    private final RebuildProgress progress;
    private final QueryProperties properties;
    private final int bufferCapacity;

    /** Guards the ring, the cursor and joining: a subscriber joins between two appends, never during one. */
    private final Object lock = new Object();
    private final ChangeRing ring;
    /** Every position up to here is covered by the ring; {@link #UNKNOWN} while nobody subscribes. */
    private long cursor = UNKNOWN;
    private final Set<FeedSubscriber> live = ConcurrentHashMap.newKeySet();

    /** Highest durable head heard of; -1 while no head document has been seen. */
    private final AtomicLong durableHead = new AtomicLong(-1);
    private volatile long lastWakeUp;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread reader;

    ChangeFeedHub(ChangeRepository changes, RebuildProgress progress, QueryProperties properties) {
        this.changes = changes;
        this.progress = progress;
        this.properties = properties;
        this.bufferCapacity = properties.streamSubscriberBuffer();
        this.ring = new ChangeRing(properties.streamRingSize());
    }

    @Override
    public void headAdvanced(long head) {
        durableHead.accumulateAndGet(head, Math::max);
        lastWakeUp = System.nanoTime();
        wake();
    }

    /** Where a stream "from now on" starts: the durable head (0 while none is published yet). */
    Mono<Long> startPosition() {
        return changes.durableHead().doOnNext(head -> durableHead.accumulateAndGet(head, Math::max))
                .then(Mono.fromSupplier(() -> Math.max(durableHead.get(), 0)));
    }

    /** Matching frames with a position above {@code after}, then every later one, plus rebuild progress and heartbeats. */
    Flux<Frame> follow(long after, ChangeFilter filter) {
        return Flux.defer(() -> {
            FeedSubscriber subscriber = new FeedSubscriber(filter, after, bufferCapacity);
            return Mono.defer(() -> catchUp(subscriber)).repeat()
                    .takeUntil(Step::joined)
                    // One step in memory at a time: a slow client holds back its own reads, not the heap.
                    .concatMapIterable(Step::frames, 1)
                    .concatWith(subscriber.frames())
                    .doFinally(signal -> leave(subscriber));
        });
    }

    /** Subscribers receiving the live fan-out now. */
    int liveSubscribers() {
        return live.size();
    }

    private Mono<Step> catchUp(FeedSubscriber subscriber) {
        long after = subscriber.after;
        synchronized (lock) {
            if (!running) {
                subscriber.complete();
                return Mono.just(Step.JOINED);
            }
            if (cursor == UNKNOWN) {
                return startPosition().doOnNext(this::startAt).thenReturn(Step.NOTHING);
            }
            if (after < ring.floor()) {
                // Older than the ring: positions up to its floor are below the durable head, so safe to read.
                long upTo = Math.min(after + BATCH_SIZE, ring.floor());
                return changes.readWindow(after, (int) (upTo - after))
                        .retryWhen(Retry.backoff(3, Duration.ofMillis(200)))
                        .map(read -> {
                            subscriber.after = upTo;
                            return new Step(read.stream().map(Frame::change).filter(subscriber.filter::matches)
                                    .toList(), false);
                        });
            }
            if (ring.countAfter(after) <= bufferCapacity) {
                join(subscriber);
                return Mono.just(Step.JOINED);
            }
            List<Frame> chunk = ring.after(after, BATCH_SIZE);
            subscriber.after = chunk.get(chunk.size() - 1).position();
            return Mono.just(new Step(chunk.stream().filter(subscriber.filter::matches).toList(), false));
        }
    }

    private void startAt(long position) {
        synchronized (lock) {
            if (cursor == UNKNOWN) {
                cursor = position;
                ring.reset(position);
            }
        }
    }

    // Under the lock: what the ring holds after the subscriber's position fits its buffer, later frames follow live.
    private void join(FeedSubscriber subscriber) {
        for (Frame frame : ring.after(subscriber.after, Integer.MAX_VALUE)) {
            if (subscriber.filter.matches(frame)) {
                subscriber.offer(frame);
            }
        }
        live.add(subscriber);
        wake();
    }

    private void leave(FeedSubscriber subscriber) {
        synchronized (lock) {
            live.remove(subscriber);
        }
    }

    private void run() {
        long nextPoll = 0;
        long nextProgress = 0;
        long nextHeartbeat = 0;
        boolean active = false;
        while (running) {
            long now = System.nanoTime();
            if (live.isEmpty()) {
                active = false;
                idle();
                awaitWake(Long.MAX_VALUE);
                continue;
            }
            if (!active) {
                active = true;
                nextPoll = now;
                nextProgress = now;
                nextHeartbeat = now + properties.streamHeartbeat().toNanos();
            }
            try {
                if (now - nextPoll >= 0) {
                    nextPoll = now + properties.streamPollInterval().toNanos();
                    // Woken recently: the projections in this JVM report the head, no need to ask MongoDB.
                    if (now - lastWakeUp >= properties.streamPollInterval().toNanos()) {
                        changes.durableHead().blockOptional(READ_TIMEOUT)
                                .ifPresent(head -> durableHead.accumulateAndGet(head, Math::max));
                    }
                }
                readToHead();
                if (now - nextProgress >= 0) {
                    nextProgress = now + properties.streamProgressInterval().toNanos();
                    List<Frame> frames = progress.changes().block(READ_TIMEOUT);
                    synchronized (lock) {
                        dispatch(frames);
                    }
                }
                if (now - nextHeartbeat >= 0) {
                    nextHeartbeat = now + properties.streamHeartbeat().toNanos();
                    heartbeat();
                }
            } catch (RuntimeException e) {
                log.warn("Reading the change feed failed, retrying at the next poll: {}", e.toString());
            }
            long due = Math.min(nextPoll, Math.min(nextProgress, nextHeartbeat));
            awaitWake(due - System.nanoTime());
        }
    }

    /** Nobody listens: forget the position, so that the next subscriber starts at the head, not at a stale cursor. */
    private void idle() {
        synchronized (lock) {
            if (live.isEmpty()) {
                cursor = UNKNOWN;
                ring.reset(0);
                progress.reset();
            }
        }
    }

    private void readToHead() {
        while (running) {
            long head = Math.max(durableHead.get(), 0);
            long from;
            synchronized (lock) {
                from = cursor;
            }
            if (from == UNKNOWN || from >= head) {
                return;
            }
            int window = (int) Math.min(BATCH_SIZE, head - from);
            List<Change> read = changes.readWindow(from, window).block(READ_TIMEOUT);
            long upTo = from + window;
            if (upTo == from) {
                return;
            }
            synchronized (lock) {
                List<Frame> frames = read.stream().filter(change -> change.position() <= upTo).map(Frame::change)
                        .toList();
                ring.append(frames, upTo);
                cursor = upTo;
                dispatch(frames);
            }
            if (upTo < from + window) {
                return;
            }
        }
    }

    // Under the lock. A subscriber's frames are offered together, so its connection is woken once per batch.
    private void dispatch(List<Frame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        for (FeedSubscriber subscriber : live) {
            for (Frame frame : frames) {
                if ((!frame.isChange() || frame.position() > subscriber.after) && subscriber.filter.matches(frame)) {
                    if (!subscriber.offer(frame)) {
                        drop(subscriber);
                        break;
                    }
                    subscriber.quiet = false;
                }
            }
        }
    }

    private void heartbeat() {
        synchronized (lock) {
            for (FeedSubscriber subscriber : live) {
                if (subscriber.quiet && !subscriber.offer(Frame.HEARTBEAT)) {
                    drop(subscriber);
                }
                subscriber.quiet = true;
            }
        }
    }

    private void drop(FeedSubscriber subscriber) {
        live.remove(subscriber);
        subscriber.complete();
    }

    private void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void awaitWake(long nanos) {
        try {
            if (nanos > 0 && signal.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                signal.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        reader = new Thread(this::run, "change-feed-hub");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            reader.join(READ_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Ends the open SSE streams so a graceful shutdown need not wait for them.
        synchronized (lock) {
            live.forEach(FeedSubscriber::complete);
            live.clear();
            cursor = UNKNOWN;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Step(List<Frame> frames, boolean joined) {
        static final Step NOTHING = new Step(List.of(), false);
        static final Step JOINED = new Step(List.of(), true);
    }
}
