package dev.eventcrm.query.funnel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.mongo.ReadModelStamps;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests for one cohort while it is being counted share that count; a moved stamp counts it again. The stamp is
 * answered at once, so each request runs up to the (held) read of the facts as it is made: the interleaving is fixed.
 */
class FunnelCohortsTest extends QueryServiceIntegrationTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

    @Autowired
    private QueryProperties properties;
    private final AtomicReference<String> stamp = new AtomicReference<>("s1");

    /** A repository whose reads the test completes, counting them. */
    private final class HeldFacts extends FunnelRepository {
        final AtomicInteger reads = new AtomicInteger();
        final CompletableFuture<List<FunnelFacts>> release = new CompletableFuture<>();

        HeldFacts() {
            super(database);
        }

        @Override
        Mono<List<FunnelFacts>> cohort(String pipelineId, Instant from, Instant to, String ownerId, String source) {
            reads.incrementAndGet();
            return Mono.fromFuture(release);
        }
    }

    @Test
    void requestsWhileACohortIsCountedShareItAndAMovedStampCountsItAgain() {
        HeldFacts facts = new HeldFacts();
        ReadModelStamps stamps = new ReadModelStamps(database) {
            @Override
            public Mono<String> of(String... projections) {
                return Mono.just(stamp.get());
            }
        };
        FunnelCohorts cohorts = new FunnelCohorts(facts, stamps, properties);
        String pipeline = "shared-" + UUID.randomUUID();
        List<String> open = List.of("LEAD", "DEMO");

        CompletableFuture<FunnelCohort> first = cohorts.of(pipeline, open, FROM, TO, null, null).toFuture();
        CompletableFuture<FunnelCohort> second = cohorts.of(pipeline, open, FROM, TO, null, null).toFuture();
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(facts.reads).hasValue(1);

        facts.release.complete(List.of());
        assertThat(first.join()).isSameAs(second.join());
        assertThat(cohorts.of(pipeline, open, FROM, TO, null, null).block(TIMEOUT)).isSameAs(first.join());
        assertThat(facts.reads).hasValue(1);

        stamp.set("s2");
        assertThat(cohorts.of(pipeline, open, FROM, TO, null, null).block(TIMEOUT)).isNotSameAs(first.join());
        assertThat(facts.reads).hasValue(2);
    }
}
