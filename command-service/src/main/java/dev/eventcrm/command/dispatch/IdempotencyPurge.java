package dev.eventcrm.command.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deletes expired Idempotency-Keys periodically (a key lives between its retention and retention + interval). */
@Component
class IdempotencyPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    IdempotencyPurge(IdempotencyStore store, DispatchProperties properties) {
        this.store = store;
        this.interval = properties.idempotencyPurgeInterval();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idempotency-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purge, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purge() {
        try {
            int deleted = store.purgeExpired();
            if (deleted > 0) {
                log.debug("Deleted {} expired Idempotency-Keys", deleted);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failed purge only keeps keys a little longer
            log.warn("Purging expired Idempotency-Keys failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
