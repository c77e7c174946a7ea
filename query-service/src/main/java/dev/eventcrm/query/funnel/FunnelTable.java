package dev.eventcrm.query.funnel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

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
 * documents (read after the head, so this relies on the runner's order). Requests that arrive while a refresh runs
 * share the next one, so each sees every change at or below the head at its arrival, and refreshes never overlap.
 * A snapshot is never changed: a refresh makes a new one, copying only the pipelines it changes and remembering the
 * deals it replaced, so that what was counted from an earlier snapshot can be brought up to date.
 */
@Component
class FunnelTable {
    /** Changes to read at least before a full load is cheaper; above it, one per deal held. */
    static final int CHANGES_BEFORE_RELOAD = 5_000;
    private static final int IDS_PER_READ = 1_000;
    /** Refreshes a snapshot remembers the replaced deals of, so that what was counted before them can be updated. */
    static final int STEPS_KEPT = 64;
    private static final AtomicLong VERSIONS = new AtomicLong();

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
     * @param steps     the last {@value #STEPS_KEPT} refreshes that changed deals, oldest first
     */
    record Snapshot(long version, String generation, long cursor, Map<String, Map<String, FunnelDeal>> pipelines,
                    Map<String, Long> dirty, List<Step> steps) {

        /**
         * The deals replaced since {@code version}, each with the one held then (null if none) and the one held now,
         * when this snapshot knows them (a recent version of the same generation); empty when it does not.
         */
        Optional<Collection<Replaced>> since(long version) {
            if (version == this.version) {
                return Optional.of(List.of());
            }
            Map<String, Replaced> replaced = new LinkedHashMap<>();
            boolean found = false;
            for (Step step : steps) {
                found |= step.from() == version;
                if (found) {
                    step.replaced().forEach(deal -> replaced.merge(deal.after().id(), deal,
                            (first, later) -> new Replaced(first.before(), later.after())));
                }
            }
            return found ? Optional.of(replaced.values()) : Optional.empty();
        }

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

    /** A deal read again: the one held before ({@code null} if none) and the one held from then on. */
    record Replaced(FunnelDeal before, FunnelDeal after) {
    }

    /** One refresh that changed deals: from the version before it to the one after. */
    record Step(long from, long to, List<Replaced> replaced) {
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
            return new Snapshot(VERSIONS.incrementAndGet(), generation, head, pipelines, Map.of(), List.of());
        });
    }

    /** The previous deals with those read again in place; copies only the pipelines that change. */
    private static Snapshot apply(Snapshot previous, long cursor, Map<String, Long> dirty, List<FunnelDeal> read) {
        Map<String, Map<String, FunnelDeal>> pipelines = new HashMap<>(previous.pipelines());
        Map<String, Map<String, FunnelDeal>> copied = new HashMap<>();
        List<Replaced> replaced = new ArrayList<>();
        for (FunnelDeal deal : read) {
            if (deal.version() >= dirty.getOrDefault(deal.id(), Long.MAX_VALUE)) {
                dirty.remove(deal.id());
            }
            FunnelDeal held = null;
            for (Map<String, FunnelDeal> deals : pipelines.values()) {
                held = deals.get(deal.id());
                if (held != null) {
                    break;
                }
            }
            if (deal.equals(held)) {
                continue;
            }
            replaced.add(new Replaced(held, deal));
            if (held != null) {
                writable(pipelines, copied, held.pipelineId()).remove(deal.id());
            }
            writable(pipelines, copied, deal.pipelineId()).put(deal.id(), deal);
        }
        copied.forEach((pipelineId, deals) -> {
            if (deals.isEmpty()) {
                pipelines.remove(pipelineId);
            }
        });
        if (replaced.isEmpty()) {
            return new Snapshot(previous.version(), previous.generation(), cursor, previous.pipelines(),
                    Map.copyOf(dirty), previous.steps());
        }
        long version = VERSIONS.incrementAndGet();
        List<Step> steps = new ArrayList<>(previous.steps());
        steps.add(new Step(previous.version(), version, List.copyOf(replaced)));
        return new Snapshot(version, previous.generation(), cursor, pipelines, Map.copyOf(dirty),
                List.copyOf(steps.subList(Math.max(0, steps.size() - STEPS_KEPT), steps.size())));
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
