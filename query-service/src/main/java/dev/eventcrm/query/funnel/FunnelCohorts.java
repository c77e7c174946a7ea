package dev.eventcrm.query.funnel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.query.QueryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counted cohorts, one per request shape (pipeline, stages, days, owner, source), each with the {@link FunnelTable}
 * version it was counted at. A request finds its cohort counted at its snapshot's version or later and answers at its
 * own "now"; one counted earlier is brought up to date with the deals replaced since (out with the old facts, in with
 * the new), or counted again when the snapshot no longer knows them. Requests for one shape are served in order, so
 * a cohort is brought up to date once for all of them.
 */
@Component
class FunnelCohorts {
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final FunnelTable table;
    private final AsyncCache<Key, Counted> counted;
    private final Executor executor = ForkJoinPool.commonPool();

    FunnelCohorts(FunnelTable table, QueryProperties properties) {
        this.table = table;
        this.counted = Caffeine.newBuilder().maximumWeight(properties.reportCacheDeals())
                .weigher((Key key, Counted cohort) -> (int) Math.min(Integer.MAX_VALUE, 1 + cohort.cohort().deals()))
                .expireAfterAccess(IDLE).executor(executor).buildAsync();
    }

    /** What a cohort is counted for: the stages it is counted against and which deals it takes. */
    private record Key(String pipelineId, List<String> open, long from, long to, String ownerId, String source) {

        boolean takes(FunnelDeal deal) {
            return deal != null && pipelineId.equals(deal.pipelineId()) && deal.opened(from, to, ownerId, source);
        }
    }

    private record Counted(long version, FunnelCohort cohort) {
    }

    /** The cohort of the pipeline's deals opened in [from, to), by owner at opening and source if given. */
    Mono<FunnelCohort> of(String pipelineId, List<String> open, Instant from, Instant to, String ownerId,
                          String source) {
        Key key = new Key(pipelineId, List.copyOf(open), from.toEpochMilli(), to.toEpochMilli(), ownerId, source);
        return table.current().flatMap(deals -> Mono.fromFuture(counted.asMap().compute(key, (k, kept) -> {
            if (kept == null || kept.isCompletedExceptionally()) {
                return CompletableFuture.supplyAsync(() -> count(k, deals), executor);
            }
            if (kept.isDone() && kept.join().version() >= deals.version()) {
                return kept;
            }
            return kept.thenApplyAsync(cohort -> cohort.version() >= deals.version() ? cohort
                    : deals.since(cohort.version()).map(replaced -> update(k, cohort, deals, replaced))
                    .orElseGet(() -> count(k, deals)), executor);
        }), true)).map(Counted::cohort);
    }

    private static Counted count(Key key, FunnelTable.Snapshot deals) {
        return new Counted(deals.version(), FunnelCohort.of(key.open(),
                deals.cohort(key.pipelineId(), key.from(), key.to(), key.ownerId(), key.source())));
    }

    private static Counted update(Key key, Counted counted, FunnelTable.Snapshot deals,
                                  Collection<FunnelTable.Replaced> replaced) {
        List<FunnelFacts> out = new ArrayList<>();
        List<FunnelFacts> in = new ArrayList<>();
        for (FunnelTable.Replaced deal : replaced) {
            if (key.takes(deal.before())) {
                out.add(deal.before().facts());
            }
            if (key.takes(deal.after())) {
                in.add(deal.after().facts());
            }
        }
        return new Counted(deals.version(), counted.cohort().with(out, in));
    }
}
