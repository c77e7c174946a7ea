package dev.eventcrm.query.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Follows the change feed for one subscriber. On subscription and on every poller tick it reads
 * {@code position > cursor} (filtered, in bounded batches, looping while a batch is full) and advances its own
 * cursor, so a change that lands between two queries is picked up by the next one instead of being skipped.
 * Assumes, as the single writer guarantees, that a position becomes visible only after all lower ones.
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
            return triggers.concatMap(tick -> drain(cursor, filter).doOnComplete(() -> {
                // The drain ran after the poller saw `tick`, so nothing at or below it is left to read; skipping
                // ahead keeps filtered streams from rescanning changes they do not want.
                if (tick != SUBSCRIBED) {
                    cursor.accumulateAndGet(tick, Math::max);
                }
            }), 1);
        });
    }

    private Flux<Change> drain(AtomicLong cursor, ChangeFilter filter) {
        return Flux.defer(() -> read(cursor.get(), filter))
                .expand(batch -> batch.size() < BATCH_SIZE ? Mono.empty()
                        : read(batch.get(batch.size() - 1).position(), filter))
                // One batch in memory at a time: a slow client holds back the reads, not the heap.
                .concatMapIterable(Function.identity(), 1)
                .doOnNext(change -> cursor.set(change.position()));
    }

    private Mono<List<Change>> read(long after, ChangeFilter filter) {
        return changes.readAfter(after, filter, BATCH_SIZE)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(200)));
    }
}
