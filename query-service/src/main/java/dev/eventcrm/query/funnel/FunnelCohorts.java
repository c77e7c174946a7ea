package dev.eventcrm.query.funnel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.query.QueryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counted cohorts, kept under the {@link FunnelTable}'s version: a request whose cohort was counted from the deals it
 * finds in memory is answered at its own "now", any other counts it from them, once for all the requests that ask
 * for it meanwhile.
 */
@Component
class FunnelCohorts {
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final FunnelTable table;
    private final AsyncCache<Key, FunnelCohort> counted;

    FunnelCohorts(FunnelTable table, QueryProperties properties) {
        this.table = table;
        this.counted = Caffeine.newBuilder().maximumWeight(properties.reportCacheDeals())
                .weigher((Key key, FunnelCohort cohort) -> (int) Math.min(Integer.MAX_VALUE, 1 + cohort.deals()))
                .expireAfterAccess(IDLE).buildAsync();
    }

    /** What identifies a counted cohort: the deals it was counted from, the stages it was counted against, its filters. */
    private record Key(long version, String pipelineId, List<String> open, Instant from, Instant to, String ownerId,
                       String source) {
    }

    /** The cohort of the pipeline's deals opened in [from, to), by owner at opening and source if given. */
    Mono<FunnelCohort> of(String pipelineId, List<String> open, Instant from, Instant to, String ownerId,
                          String source) {
        return table.current().flatMap(deals -> Mono.fromFuture(counted.get(
                new Key(deals.version(), pipelineId, List.copyOf(open), from, to, ownerId, source),
                (key, executor) -> CompletableFuture.supplyAsync(() -> FunnelCohort.of(open, deals.cohort(pipelineId,
                        from.toEpochMilli(), to.toEpochMilli(), ownerId, source)), executor)), true));
    }
}
