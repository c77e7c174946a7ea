package dev.eventcrm.projections.rebuild;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsProperties;
import dev.eventcrm.projections.admin.ProjectionCatalog;
import dev.eventcrm.projections.admin.ProjectionStatus;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.runner.ProjectionRunner;
import dev.eventcrm.projections.runner.StoreCommit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * Rebuilds projections from the event store (never from Kafka, whose retention is not the history) while the live
 * collection keeps serving: the runner first applies every live batch to the fresh collection too, then the whole
 * event log is folded into it page by page (one bulkWrite per page), then, between two live batches, the fresh
 * collection gets the live one's indexes and is renamed over it (dropping the old one). Anything committed before the
 * runner started feeding the fresh collection is in the log; anything after comes through the runner; the folds are
 * idempotent and every write compares-and-sets, so the overlap is harmless. At startup every projection whose
 * catalog version differs from the code's (or that has no entry yet) is rebuilt.
 */
public class ProjectionRebuilds implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final ProjectionRunner runner;
    private final ProjectionCatalog catalog;
    private final EventLog events;
    private final MongoDatabase database;
    private final ProjectionsProperties settings;
    private final StoreCommit store;
    private final Clock clock;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    /**
     * Projections found outdated at startup whose rebuild has not started yet: they are REBUILDING from then on, so
     * that no client takes the outdated collection for the live one in the moment before its rebuild begins.
     */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean started;
    /** Released by {@link #stop()}, so that a rebuild waiting between retries stops at once. */
    private volatile CountDownLatch stopping = new CountDownLatch(0);

    public ProjectionRebuilds(ProjectionRunner runner, ProjectionCatalog catalog, EventLog events,
                              MongoDatabase database, ProjectionsProperties settings, Clock clock) {
        this.runner = runner;
        this.catalog = catalog;
        this.events = events;
        this.database = database;
        this.settings = settings;
        this.store = new StoreCommit(database, settings.storeCommitCommand(), settings.storeTimeout());
        this.clock = clock;
    }

    /** The projection is unknown. */
    public static class UnknownProjection extends RuntimeException {
        UnknownProjection(String name) {
            super("No projection named " + name);
        }
    }

    /** A rebuild of it runs already, or it cannot be rebuilt. */
    public static class RebuildRefused extends RuntimeException {
        private final String reason;

        RebuildRefused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public List<ProjectionStatus> statuses() {
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (Projection projection : runner.projections()) {
            statuses.add(status(projection));
        }
        return statuses;
    }

    public ProjectionStatus status(String name) {
        return status(projection(name));
    }

    private ProjectionStatus status(Projection projection) {
        Optional<ProjectionCatalog.Entry> entry = catalog.find(projection.name());
        boolean rebuilding = running.containsKey(projection.name()) || pending.contains(projection.name());
        return new ProjectionStatus(projection.name(),
                entry.map(ProjectionCatalog.Entry::version).orElse(rebuilding ? 0 : projection.version()),
                rebuilding ? ProjectionStatus.REBUILDING : ProjectionStatus.LIVE, projection.rebuildable(),
                runner.position(projection.name()), runner.lagMillis(),
                entry.map(ProjectionCatalog.Entry::rebuild).orElse(null));
    }

    /** Starts rebuilding {@code name} in the background; answers its status (REBUILDING). */
    public synchronized ProjectionStatus rebuild(String name) {
        if (pending.contains(name)) {
            throw new RebuildRefused("rebuild-running", "A rebuild of " + name + " is starting already");
        }
        return startRebuild(name);
    }

    private synchronized ProjectionStatus startRebuild(String name) {
        Projection projection = projection(name);
        if (!projection.rebuildable()) {
            throw new RebuildRefused("projection-not-rebuildable", name + " cannot be rebuilt: clients hold its "
                    + "positions");
        }
        if (running.containsKey(name)) {
            throw new RebuildRefused("rebuild-running", "A rebuild of " + name + " is running already");
        }
        Instant startedAt = clock.instant();
        int liveVersion = catalog.find(name).map(ProjectionCatalog.Entry::version).orElse(0);
        catalog.save(new ProjectionCatalog.Entry(name, liveVersion, ProjectionStatus.REBUILDING, true,
                new ProjectionStatus.Rebuild(0, 0, 0, startedAt, null)));
        Thread thread = new Thread(() -> run(projection, liveVersion, startedAt), "projection-rebuild-" + name);
        thread.setDaemon(true);
        running.put(name, thread);
        pending.remove(name);
        thread.start();
        return status(projection);
    }

    private void run(Projection projection, int liveVersion, Instant startedAt) {
        String name = projection.name();
        Projection target = projection.into(projection.collection() + "__v" + projection.version());
        try {
            await(database.getCollection(target.collection()).drop(), settings.storeTimeout());
            // created now, so that the switch-over can rename it even when no event reached it (an empty store)
            await(database.createCollection(target.collection()), settings.storeTimeout());
            runner.addShadow(name, target);
            long done = scan(projection, target, liveVersion, startedAt);
            double scanRate = rate(done, startedAt, clock.instant());
            runner.betweenBatches(() -> switchOver(projection, target)).join();
            Instant finishedAt = clock.instant();
            catalog.save(new ProjectionCatalog.Entry(name, projection.version(), ProjectionStatus.LIVE, true,
                    new ProjectionStatus.Rebuild(done, done, scanRate, startedAt, finishedAt)));
            log.info("Rebuilt {} (version {}) from {} events in {} ms", name, projection.version(), done,
                    Duration.between(startedAt, finishedAt).toMillis());
        } catch (RuntimeException e) {
            runner.removeShadow(name);
            if (started) {
                log.error("Rebuild of {} failed; the live collection keeps serving", name, e);
                catalog.save(new ProjectionCatalog.Entry(name, liveVersion, ProjectionStatus.LIVE, true, null));
            }
        } finally {
            running.remove(name);
        }
    }

    /** Folds the whole event log into the target; answers the number of events read. */
    private long scan(Projection projection, Projection target, int liveVersion, Instant startedAt) {
        long after = 0;
        long done = 0;
        long total = 0;
        Instant reported = Instant.EPOCH;
        while (true) {
            if (!started) {
                throw new IllegalStateException("stopping");
            }
            long from = after;
            EventLog.Page page = retried("rebuilding " + projection.name() + " after global index " + from, () -> {
                EventLog.Page read = events.after(from, settings.rebuildPageSize());
                target.applyBatch(read.events());
                store.commit();
                return read;
            });
            total = Math.max(total, page.headIndex());
            done += page.events().size();
            after = page.lastIndex();
            Instant now = clock.instant();
            boolean last = page.events().size() < settings.rebuildPageSize();
            if (last || Duration.between(reported, now).compareTo(PROGRESS_INTERVAL) >= 0) {
                catalog.save(new ProjectionCatalog.Entry(projection.name(), liveVersion, ProjectionStatus.REBUILDING,
                        true, new ProjectionStatus.Rebuild(done, Math.max(total, done), rate(done, startedAt, now),
                        startedAt, null)));
                reported = now;
            }
            if (last) {
                return done;
            }
        }
    }

    /** Retries with capped backoff until it succeeds or the application stops (the event log may not serve yet). */
    private <T> T retried(String what, Supplier<T> action) {
        Duration backoff = Duration.ofMillis(100);
        for (int failures = 0; ; failures++) {
            if (!started) {
                throw new IllegalStateException("stopping while " + what);
            }
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (failures == 0) {
                    log.warn("Failed {}; retrying until it succeeds", what, e);
                }
                try {
                    if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("stopping while " + what);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while " + what, interrupted);
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxRetryBackoff()) > 0
                        ? settings.maxRetryBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /** On the runner's thread between two batches: the fresh collection takes the live one's place. */
    private void switchOver(Projection live, Projection target) {
        List<IndexModel> indexes = new ArrayList<>();
        Flux.from(database.getCollection(live.collection()).listIndexes()).collectList()
                .onErrorReturn(List.of()).blockOptional(settings.storeTimeout()).orElse(List.of())
                .forEach(index -> {
                    Document key = index.get("key", Document.class);
                    if (!"_id_".equals(index.getString("name"))) {
                        indexes.add(new IndexModel(key, new IndexOptions().name(index.getString("name"))
                                .unique(Boolean.TRUE.equals(index.getBoolean("unique")))));
                    }
                });
        if (!indexes.isEmpty()) {
            Flux.from(database.getCollection(target.collection()).createIndexes(indexes)).blockLast(settings.storeTimeout());
        }
        await(database.getCollection(target.collection()).renameCollection(
                new MongoNamespace(database.getName(), live.collection()),
                new RenameCollectionOptions().dropTarget(true)), settings.storeTimeout());
        runner.removeShadow(live.name());
        store.commit();
    }

    private Projection projection(String name) {
        return runner.projections().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownProjection(name));
    }

    private static double rate(long events, Instant from, Instant to) {
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return Math.round(events * 10_000.0 / millis) / 10.0;
    }

    /**
     * Rebuilds what the catalog says is outdated, or registers what needs no rebuild. The catalog is read before
     * this returns, so an outdated projection is REBUILDING from the first status a client can ask for.
     */
    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        started = true;
        List<Projection> unregistered = new ArrayList<>();
        for (Projection projection : runner.projections()) {
            try {
                Optional<ProjectionCatalog.Entry> entry = catalog.find(projection.name());
                boolean current = entry.isPresent() && entry.get().version() == projection.version()
                        && ProjectionStatus.LIVE.equals(entry.get().state());
                if (current) {
                    continue;
                }
                if (projection.rebuildable() && settings.autoRebuild()) {
                    log.info("{} is at version {} in the store and {} in the code: rebuilding it from the event "
                            + "store", projection.name(), entry.map(e -> String.valueOf(e.version())).orElse("none"),
                            projection.version());
                    pending.add(projection.name());
                } else if (!projection.rebuildable()) {
                    unregistered.add(projection);
                }
            } catch (RuntimeException e) {
                log.error("Checking the catalog entry of {} failed", projection.name(), e);
            }
        }
        Thread check = new Thread(() -> {
            for (Projection projection : runner.projections()) {
                try {
                    if (pending.contains(projection.name())) {
                        startRebuild(projection.name());
                    } else if (unregistered.contains(projection)) {
                        catalog.save(new ProjectionCatalog.Entry(projection.name(), projection.version(),
                                ProjectionStatus.LIVE, false, null));
                    }
                } catch (RuntimeException e) {
                    pending.remove(projection.name());
                    log.error("Starting the rebuild of {} failed", projection.name(), e);
                }
            }
        }, "projection-catalog-check");
        check.setDaemon(true);
        check.start();
    }

    @Override
    public void stop() {
        started = false;
        pending.clear();
        stopping.countDown();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.isEnabled();
    }
}
