package dev.eventcrm.query.stream;

import java.time.Duration;

import dev.eventcrm.query.QueryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The one poller per instance: every {@code crm.query.stream-poll-interval} it reads the highest position in
 * {@code changes} and, when it grew, emits it as a tick. Ticks only say "look again"; each subscriber queries for
 * itself from its own cursor, so a tick that is coalesced or missed never loses a change. It polls only while
 * someone listens.
 */
@Component
class ChangeFeedPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeedPoller.class);

    private static final int PROBE_WINDOW = 256;

    private final ChangeRepository changes;
    private final Duration interval;
    private volatile Sinks.Many<Long> sink = Sinks.many().multicast().directBestEffort();
    private volatile Disposable loop;
    private long lastSeen = Long.MIN_VALUE;

    ChangeFeedPoller(ChangeRepository changes, QueryProperties properties) {
        this.changes = changes;
        this.interval = properties.streamPollInterval();
    }

    /** The highest position seen, each time it grows; completes when the application stops. */
    Flux<Long> ticks() {
        return sink.asFlux();
    }

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        if (sink.scan(Scannable.Attr.TERMINATED) == Boolean.TRUE) {
            sink = Sinks.many().multicast().directBestEffort();
        }
        Sinks.Many<Long> target = sink;
        lastSeen = Long.MIN_VALUE;
        loop = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .filter(tick -> target.currentSubscriberCount() > 0)
                .concatMap(tick -> head().onErrorResume(error -> {
                    log.warn("Polling the change feed failed: {}", error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(max -> publish(target, max));
    }

    /**
     * The feed's newest position: sorted once to find it, then probed by exact positions just above it (positions
     * are dense), which the unique index answers without scanning the feed.
     */
    private Mono<Long> head() {
        long known = lastSeen;
        if (known == Long.MIN_VALUE) {
            return changes.maxPosition();
        }
        return changes.highestIn(known, PROBE_WINDOW)
                .expand(highest -> highest - known >= PROBE_WINDOW ? changes.highestIn(highest, PROBE_WINDOW)
                        : Mono.empty())
                .reduce(Math::max);
    }

    // Runs on the polling loop only, one call at a time.
    private void publish(Sinks.Many<Long> target, long max) {
        if (max > lastSeen) {
            lastSeen = max;
            target.tryEmitNext(max);
        }
    }

    @Override
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        loop.dispose();
        loop = null;
        // Ends the open SSE streams so a graceful shutdown need not wait for them.
        sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
