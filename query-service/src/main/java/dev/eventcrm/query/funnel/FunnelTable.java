package dev.eventcrm.query.funnel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code deal_funnel} document in memory, kept current from the change feed: a request first reads the feed's
 * durable head and the deals' changes up to it, and reads again only the deals those name. The projections' runner
 * publishes the head after the batch's read models are committed, so a document read after its change was seen at or
 * below the head shows it; a document that does not yet (another writer's order) is read again at each refresh until
 * its {@code version} reaches the change's sequence. A new generation of the collection (a rebuild's switch-over), a
 * first request, or a head so far ahead that reading its changes would cost more than reading everything loads all
 * documents. Requests that arrive while a refresh runs share the next one, so each sees every change at or below the
 * head at its arrival, and refreshes never overlap. Not a cache of answers: a snapshot is never changed, a refresh
 * makes a new one (copying only the pipelines it changes).
 */
@Component
class FunnelTable {
    /** Changes to read at least before a full load is cheaper; above it, one per deal held. */
    static final int CHANGES_BEFORE_RELOAD = 5_000;
    private static final int IDS_PER_READ = 1_000;
    private static final AtomicLong VERSIONS = new AtomicLong();
    private static final Logger log = LoggerFactory.getLogger(FunnelTable.class);

    private final FunnelRepository repository;
    private final Object lock = new Object();
    private Snapshot latest;
    private CompletableFuture<Snapshot> running;
    private CompletableFuture<Snapshot> queued;

    FunnelTable(FunnelRepository repository) {
        this.repository = repository;
    }

    /**
     * The deals held after a refresh, per pipeline, and what the next refresh starts from.
     *
     * @param version   changes whenever the deals held change: what is counted from them can be kept under it
     * @param cursor    the change feed position up to which every change has been seen
     * @param dirty     deals whose document did not yet show their latest change seen, with that change's sequence
     */
    record Snapshot(long version, String generation, long cursor, Map<String, Map<String, FunnelDeal>> pipelines,
                    Map<String, Long> dirty) {

        int size() {
            return pipelines.values().stream().mapToInt(Map::size).sum();
        }

        /** The facts of the pipeline's deals opened in [from, to), by owner at opening and source if given. */
        List<FunnelFacts> cohort(String pipelineId, long from, long to, String ownerId, String source) {
            List<FunnelFacts> cohort = new ArrayList<>();
            for (FunnelDeal deal : pipelines.getOrDefault(pipelineId, Map.of()).values()) {
                if (deal.opened(from, to, ownerId, source)) {
                    cohort.add(deal.facts());
                }
            }
            return cohort;
        }
    }

    /** Loads the deals before the first request asks for them. */
    @EventListener(ApplicationReadyEvent.class)
    void preload() {
        current().subscribe(snapshot -> log.info("Funnel deals loaded: {}", snapshot.size()),
                error -> log.warn("Loading the funnel deals failed; the first request loads them: {}", error.toString()));
    }

    /** The deals after a refresh that began at or after this call. */
    Mono<Snapshot> current() {
        return Mono.fromFuture(this::request, true);
    }

    private CompletableFuture<Snapshot> request() {
        CompletableFuture<Snapshot> started;
        synchronized (lock) {
            if (running != null) {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                }
                return queued;
            }
            running = new CompletableFuture<>();
            started = running;
        }
        start(started);
        return started;
    }

    private void start(CompletableFuture<Snapshot> refresh) {
        Snapshot from;
        synchronized (lock) {
            from = latest;
        }
        refresh(from).subscribe(snapshot -> finish(refresh, snapshot, null), error -> finish(refresh, null, error));
    }

    private void finish(CompletableFuture<Snapshot> refresh, Snapshot snapshot, Throwable error) {
        CompletableFuture<Snapshot> next;
        synchronized (lock) {
            if (snapshot != null) {
                latest = snapshot;
            }
            next = queued;
            queued = null;
            running = next;
        }
        if (error == null) {
            refresh.complete(snapshot);
        } else {
            refresh.completeExceptionally(error);
        }
        if (next != null) {
            start(next);
        }
    }

    private Mono<Snapshot> refresh(Snapshot previous) {
        return Mono.zip(repository.generation(), repository.head()).flatMap(read -> {
            String generation = read.getT1();
            long head = read.getT2();
            if (previous == null || !previous.generation().equals(generation) || head < previous.cursor()
                    || head - previous.cursor() > Math.max(CHANGES_BEFORE_RELOAD, previous.size())) {
                return load(generation, head);
            }
            if (head <= previous.cursor() && previous.dirty().isEmpty()) {
                return Mono.just(previous);
            }
            return repository.dealChanges(previous.cursor(), head).collectList().flatMap(changes -> {
                Map<String, Long> dirty = new HashMap<>(previous.dirty());
                changes.forEach(change -> dirty.merge(change.dealId(), change.sequence(), Math::max));
                return Flux.fromIterable(dirty.keySet()).buffer(IDS_PER_READ).concatMap(repository::deals)
                        .collectList().map(deals -> apply(previous, head, dirty, deals));
            });
        });
    }

    private Mono<Snapshot> load(String generation, long head) {
        return repository.all().collectList().map(deals -> {
            Map<String, Map<String, FunnelDeal>> pipelines = new HashMap<>();
            deals.forEach(deal -> pipelines.computeIfAbsent(deal.pipelineId(), p -> new HashMap<>())
                    .put(deal.id(), deal));
            return new Snapshot(VERSIONS.incrementAndGet(), generation, head, pipelines, Map.of());
        });
    }

    /** The previous deals with those read again in place; copies only the pipelines that change. */
    private static Snapshot apply(Snapshot previous, long cursor, Map<String, Long> dirty, List<FunnelDeal> read) {
        Map<String, Map<String, FunnelDeal>> pipelines = new HashMap<>(previous.pipelines());
        Map<String, Map<String, FunnelDeal>> copied = new HashMap<>();
        boolean changed = false;
        for (FunnelDeal deal : read) {
            if (deal.version() >= dirty.getOrDefault(deal.id(), Long.MAX_VALUE)) {
                dirty.remove(deal.id());
            }
            for (String pipelineId : List.copyOf(pipelines.keySet())) {
                // moved to another pipeline
                if (!Objects.equals(pipelineId, deal.pipelineId())
                        && pipelines.get(pipelineId).containsKey(deal.id())) {
                    writable(pipelines, copied, pipelineId).remove(deal.id());
                    changed = true;
                }
            }
            Map<String, FunnelDeal> own = pipelines.get(deal.pipelineId());
            if (own == null || !deal.equals(own.get(deal.id()))) {
                writable(pipelines, copied, deal.pipelineId()).put(deal.id(), deal);
                changed = true;
            }
        }
        copied.forEach((pipelineId, deals) -> {
            if (deals.isEmpty()) {
                pipelines.remove(pipelineId);
            }
        });
        return new Snapshot(changed ? VERSIONS.incrementAndGet() : previous.version(), previous.generation(), cursor,
                pipelines, Map.copyOf(dirty));
    }

    private static Map<String, FunnelDeal> writable(Map<String, Map<String, FunnelDeal>> pipelines,
                                                   Map<String, Map<String, FunnelDeal>> copied, String pipelineId) {
        return copied.computeIfAbsent(pipelineId, id -> {
            Map<String, FunnelDeal> copy = new HashMap<>(pipelines.getOrDefault(id, Map.of()));
            pipelines.put(id, copy);
            return copy;
        });
    }
}
