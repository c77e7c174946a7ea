package dev.eventcrm.query.funnel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.mongo.ReadModelStamps;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counted cohorts, kept under the {@code deal-funnel} projection's stamp: a request whose cohort was counted since the
 * projection last moved on is answered from memory (at its own "now"), any other counts the stored facts again, once
 * for all the requests that ask for it meanwhile. The stamp is read before the facts, so a kept cohort is never older
 * than the documents its stamp stands for.
 */
@Component
class FunnelCohorts {
    static final String PROJECTION = "deal-funnel";
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final FunnelRepository facts;
    private final ReadModelStamps stamps;
    private final AsyncCache<Key, FunnelCohort> counted;

    FunnelCohorts(FunnelRepository facts, ReadModelStamps stamps, QueryProperties properties) {
        this.facts = facts;
        this.stamps = stamps;
        this.counted = Caffeine.newBuilder().maximumWeight(properties.reportCacheDeals())
                .weigher((Key key, FunnelCohort cohort) -> (int) Math.min(Integer.MAX_VALUE, 1 + cohort.deals()))
                .expireAfterAccess(IDLE).buildAsync();
    }

    /** What identifies a counted cohort: the stamp it was read under, the stages it was counted against, its filters. */
    private record Key(String stamp, String pipelineId, List<String> open, Instant from, Instant to, String ownerId,
                       String source) {
    }

    /** The cohort of the pipeline's deals opened in [from, to), by owner at opening and source if given. */
    Mono<FunnelCohort> of(String pipelineId, List<String> open, Instant from, Instant to, String ownerId,
                          String source) {
        return stamps.of(PROJECTION).flatMap(stamp -> Mono.fromFuture(counted.get(
                new Key(stamp, pipelineId, List.copyOf(open), from, to, ownerId, source),
                (key, executor) -> facts.cohort(pipelineId, from, to, ownerId, source)
                        .map(deals -> FunnelCohort.of(open, deals)).toFuture()), true));
    }
}
