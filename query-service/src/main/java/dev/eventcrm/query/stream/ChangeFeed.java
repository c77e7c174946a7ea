package dev.eventcrm.query.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Follows the change feed for one subscriber. On subscription and on every poller tick it reads the positions after
 * its cursor (in bounded windows, looping while a window is full), sends those its filter wants and advances its
 * own cursor, so a change that lands between two queries is picked up by the next one instead of being skipped.
 * Relies on the single writer's guarantee that positions are dense and each becomes visible after all lower ones.
 */
@Component
class ChangeFeed {

    static final int BATCH_SIZE = 500;
    private static final long SUBSCRIBED = Long.MIN_VALUE;

    private final ChangeRepository changes;
    private final ChangeFeedPoller poller;

    ChangeFeed(ChangeRepository changes, ChangeFeedPoller poller) {
        this.changes = changes;
        this.poller = poller;
    }

    /** Position of the newest change now, or {@code Long.MIN_VALUE} while there is none. */
    Mono<Long> currentPosition() {
        return changes.maxPosition().defaultIfEmpty(Long.MIN_VALUE);
    }

    /** Matching changes with a position above {@code after}, then every later one as it lands, in order. */
    Flux<Change> follow(long after, ChangeFilter filter) {
        return Flux.defer(() -> {
            AtomicLong cursor = new AtomicLong(after);
            // Ticks are subscribed before the first read, so nothing landing after that read goes unnoticed.
            Flux<Long> triggers = Flux.merge(poller.ticks(), Mono.just(SUBSCRIBED)).onBackpressureLatest();
            return triggers.concatMap(tick -> drain(cursor, filter), 1);
        });
    }

    /**
     * Reads window after window until one is not full. The cursor passes every change read, wanted or not: positions
     * are dense, so nothing below the last one read can still appear.
     */
    private Flux<Change> drain(AtomicLong cursor, ChangeFilter filter) {
        return Flux.defer(() -> read(cursor.get()))
                .expand(window -> window.size() < BATCH_SIZE ? Mono.empty()
                        : read(window.get(window.size() - 1).position()))
                // One window in memory at a time: a slow client holds back the reads, not the heap.
                .concatMap(window -> {
                    if (!window.isEmpty()) {
                        cursor.accumulateAndGet(window.get(window.size() - 1).position(), Math::max);
                    }
                    return Flux.fromIterable(window).filter(filter::matches);
                }, 1);
    }

    private Mono<List<Change>> read(long after) {
        return changes.readWindow(after, BATCH_SIZE)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(200)));
    }
}
