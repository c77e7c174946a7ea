package dev.eventcrm.query.funnel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.QueryProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * The in-memory deals against a store written as the projections' runner writes it: documents first, then their
 * changes and the durable head; and as another writer might, changes published before the documents show them.
 */
class FunnelTableTest {

    /** An in-memory {@code deal_funnel}, change feed and head; its database handle is never used. */
    static class Store extends FunnelRepository {
        final Map<String, FunnelDeal> documents = new LinkedHashMap<>();
        final Map<Long, DealChange> changes = new HashMap<>();
        long head;
        String generation = "g1";
        final AtomicInteger fullLoads = new AtomicInteger();

        Store() {
            super(mock(MongoDatabase.class), null);
        }

        @Override
        Flux<FunnelDeal> all() {
            fullLoads.incrementAndGet();
            return Flux.fromIterable(List.copyOf(documents.values()));
        }

        @Override
        Flux<FunnelDeal> deals(Collection<String> ids) {
            return Flux.fromIterable(ids).filter(documents::containsKey).map(documents::get);
        }

        @Override
        Mono<String> generation() {
            return Mono.just(generation);
        }

        @Override
        Mono<Long> head() {
            return Mono.just(head);
        }

        @Override
        Flux<DealChange> dealChanges(long after, long upTo) {
            List<DealChange> found = new ArrayList<>();
            for (long position = after + 1; position <= upTo; position++) {
                if (changes.containsKey(position)) {
                    found.add(changes.get(position));
                }
            }
            return Flux.fromIterable(found);
        }
    }

    @Property(tries = 200)
    void theDealsHeldEqualEveryStoredDocumentOnceTheirChangesArePublished(@ForAll long seed) {
        Random random = new Random(seed);
        Store store = new Store();
        FunnelTable table = new FunnelTable(store);
        // each deal's document at its latest version
        Map<String, FunnelDeal> latest = new HashMap<>();
        // deals whose latest change was published before their document shows it (another writer's order)
        List<String> behind = new ArrayList<>();
        long position = 0;
        // loaded first: a full load relies on the runner's order (every document under the head shows its change)
        table.current().block();
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(4);
            if (action == 3) {
                table.current().block();
                continue;
            }
            String id = "d" + random.nextInt(12);
            long version = latest.containsKey(id) ? latest.get(id).version() + 1 : 0;
            latest.put(id, deal(id, version, random));
            switch (action) {
                case 0 -> { // the runner's order: the document, then its change and the head (positions may skip)
                    store.documents.put(id, latest.get(id));
                    position += 1 + random.nextInt(2);
                    store.changes.put(position, new FunnelRepository.DealChange(id, version));
                    store.head = position;
                }
                case 1 -> { // the document, its change not yet under the head
                    store.documents.put(id, latest.get(id));
                    store.changes.put(++position, new FunnelRepository.DealChange(id, version));
                }
                default -> { // the change under the head before the document shows it: read again until it does
                    store.changes.put(++position, new FunnelRepository.DealChange(id, version));
                    store.head = position;
                    behind.add(id);
                }
            }
            if (random.nextInt(5) == 0) {
                catchUp(store, behind, latest);
            }
        }
        catchUp(store, behind, latest);
        store.head = position;

        FunnelTable.Snapshot incremental = table.current().block();
        FunnelTable.Snapshot loaded = new FunnelTable(store).current().block();
        assertThat(incremental.pipelines()).as("seed %s", seed).isEqualTo(loaded.pipelines());
        assertThat(incremental.dirty()).as("seed %s", seed).isEmpty();
    }

    /** The documents of the changes published ahead of them now show them. */
    private static void catchUp(Store store, List<String> behind, Map<String, FunnelDeal> latest) {
        behind.forEach(id -> store.documents.put(id, latest.get(id)));
        behind.clear();
    }

    @Test
    void requestsWhileARefreshRunsShareTheNextOne() {
        Queue<CompletableFuture<Long>> heads = new ConcurrentLinkedQueue<>();
        AtomicInteger headReads = new AtomicInteger();
        Store store = new Store() {
            @Override
            Mono<Long> head() {
                headReads.incrementAndGet();
                CompletableFuture<Long> held = new CompletableFuture<>();
                heads.add(held);
                return Mono.fromFuture(held);
            }
        };
        FunnelTable table = new FunnelTable(store);

        CompletableFuture<FunnelTable.Snapshot> first = table.current().toFuture();
        CompletableFuture<FunnelTable.Snapshot> second = table.current().toFuture();
        CompletableFuture<FunnelTable.Snapshot> third = table.current().toFuture();
        assertThat(headReads).hasValue(1);

        heads.poll().complete(0L);
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        // the second and third began after the first refresh read the head: one more refresh for both
        assertThat(headReads).hasValue(2);

        FunnelDeal d1 = deal("d1", 0, new Random(1));
        store.documents.put("d1", d1);
        store.changes.put(1L, new FunnelRepository.DealChange("d1", 0));
        heads.poll().complete(1L);
        assertThat(second.join()).isSameAs(third.join());
        assertThat(second.join().pipelines().get(d1.pipelineId())).containsEntry("d1", d1);
        assertThat(headReads).hasValue(2);
        assertThat(store.fullLoads).hasValue(1);
    }

    @Test
    void theRefresherBringsTheDealsUpToDateWithoutARequestUntilStopped() {
        AtomicInteger headReads = new AtomicInteger();
        Store store = new Store() {
            @Override
            Mono<Long> head() {
                headReads.incrementAndGet();
                return super.head();
            }
        };
        FunnelRefresher refresher = new FunnelRefresher(new FunnelTable(store), properties(Duration.ofMillis(20)));
        refresher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.fullLoads.get() == 1 && headReads.get() >= 3);
        refresher.stop();
        int stopped = headReads.get();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> headReads.get() == stopped);
    }

    @Test
    void aNewGenerationOfTheCollectionIsLoadedWhole() {
        Store store = new Store();
        FunnelTable table = new FunnelTable(store);
        table.current().block();
        store.documents.put("d1", deal("d1", 0, new Random(1)));

        assertThat(table.current().block().size()).isZero();
        store.generation = "g2";
        assertThat(table.current().block().size()).isEqualTo(1);
        assertThat(store.fullLoads).hasValue(2);
    }

    @Test
    void aHeadFarAheadIsLoadedWholeInsteadOfReadChangeByChange() {
        Store store = new Store();
        FunnelTable table = new FunnelTable(store);
        table.current().block();
        store.documents.put("d1", deal("d1", 0, new Random(1)));
        store.head = FunnelTable.CHANGES_BEFORE_RELOAD + 1;

        assertThat(table.current().block().size()).isEqualTo(1);
        assertThat(store.fullLoads).hasValue(2);
    }

    @Property(tries = 100)
    void cohortsKeptAndBroughtUpToDateEqualCohortsCountedAfresh(@ForAll long seed) {
        Random random = new Random(seed);
        Store store = new Store();
        FunnelTable table = new FunnelTable(store);
        FunnelCohorts cohorts = new FunnelCohorts(table, properties(Duration.ofSeconds(1)));
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        Instant now = day.plus(Duration.ofDays(2));
        Map<String, Long> versions = new HashMap<>();
        long position = 0;
        for (int step = 0; step < 80; step++) {
            if (random.nextInt(3) > 0) { // the runner's order: the document, then its change and the head
                String id = "d" + random.nextInt(15);
                long version = versions.merge(id, 1L, Long::sum);
                store.documents.put(id, richDeal(id, version, day, random));
                store.changes.put(++position, new FunnelRepository.DealChange(id, version));
                store.head = position;
                if (random.nextInt(40) == 0) {
                    store.generation = "g" + step;
                }
                continue;
            }
            String pipeline = "p" + random.nextInt(2);
            Instant from = day.plus(Duration.ofHours(random.nextInt(2) * 12L));
            Instant to = from.plus(Duration.ofHours(12L + random.nextInt(2) * 24L));
            String owner = random.nextBoolean() ? null : "a";
            FunnelCohort kept = cohorts.of(pipeline, OPEN, from, to, owner, null).block();
            FunnelCohort afresh = FunnelCohort.of(OPEN, store.documents.values().stream()
                    .filter(deal -> deal.pipelineId().equals(pipeline)
                            && deal.opened(from.toEpochMilli(), to.toEpochMilli(), owner, null))
                    .map(FunnelDeal::facts).toList());
            for (FunnelMode mode : FunnelMode.values()) {
                assertThat(kept.report(pipeline, mode, "f", "t", now)).as("%s, seed %s", mode, seed)
                        .isEqualTo(afresh.report(pipeline, mode, "f", "t", now));
            }
        }
    }

    @Test
    void aSnapshotKnowsTheDealsReplacedSinceARecentVersion() {
        Store store = new Store();
        FunnelTable table = new FunnelTable(store);
        long loaded = table.current().block().version();
        FunnelDeal first = deal("d1", 0, new Random(1));
        FunnelDeal second = deal("d1", 1, new Random(2));
        for (FunnelDeal deal : List.of(first, second)) {
            store.documents.put("d1", deal);
            store.changes.put(++store.head, new FunnelRepository.DealChange("d1", deal.version()));
            table.current().block();
        }
        FunnelTable.Snapshot latest = table.current().block();

        assertThat(latest.since(loaded)).hasValueSatisfying(replaced -> assertThat(replaced)
                .containsExactly(new FunnelTable.Replaced(null, second)));
        assertThat(latest.since(latest.version())).hasValueSatisfying(replaced -> assertThat(replaced).isEmpty());
        for (int i = 2; i <= FunnelTable.STEPS_KEPT + 1; i++) {
            store.documents.put("d1", deal("d1", i, new Random(i)));
            store.changes.put(++store.head, new FunnelRepository.DealChange("d1", i));
            table.current().block();
        }
        assertThat(table.current().block().since(loaded)).isEmpty();
    }

    private static QueryProperties properties(Duration funnelRefreshInterval) {
        return new QueryProperties(50, 200, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(15), 1000,
                10_000, Duration.ofMillis(500), 50, 500, 500_000, funnelRefreshInterval, Duration.ofMinutes(1));
    }

    private static final List<String> OPEN = List.of("LEAD", "DEMO");

    /** A deal of one of two pipelines and two owners, open in a stage, won or lost, amounts of two scales. */
    private static FunnelDeal richDeal(String id, long version, Instant day, Random random) {
        Instant opened = day.plusSeconds(random.nextInt(2 * 86_400));
        Instant moved = opened.plusSeconds(random.nextInt(3_600));
        Instant closed = moved.plusSeconds(random.nextInt(3_600));
        List<FunnelFacts.Stay> stays = new ArrayList<>(List.of(new FunnelFacts.Stay("LEAD", "OPEN", opened, moved,
                moved.toEpochMilli() - opened.toEpochMilli())));
        String status = List.of("OPEN", "WON", "LOST").get(random.nextInt(3));
        switch (status) {
            case "OPEN" -> stays.add(new FunnelFacts.Stay("DEMO", "OPEN", moved, null, 0));
            case "WON" -> stays.add(new FunnelFacts.Stay("WON", "WON", moved, null, 0));
            default -> stays.add(new FunnelFacts.Stay("LOST", "LOST", moved, null, 0));
        }
        return new FunnelDeal("p" + random.nextInt(2), random.nextBoolean() ? "a" : "b", "web", version,
                new FunnelFacts(id, opened, "OPEN".equals(status) ? "DEMO" : status, status,
                        "OPEN".equals(status) ? null : closed, "LOST".equals(status) ? "LEAD" : null,
                        "LOST".equals(status) ? List.of("price", "time").get(random.nextInt(2)) : null,
                        List.of("10.00", "7", "2.5").get(random.nextInt(3)), random.nextBoolean() ? "EUR" : "USD",
                        stays));
    }

    /** A deal of one of two pipelines, in one of two stages. */
    private static FunnelDeal deal(String id, long version, Random random) {
        Instant opened = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(random.nextInt(86_400));
        String stage = random.nextBoolean() ? "LEAD" : "DEMO";
        return new FunnelDeal("p" + random.nextInt(2), "owner", "web", version, new FunnelFacts(id, opened, stage,
                "OPEN", null, null, null, "10.00", "EUR",
                List.of(new FunnelFacts.Stay(stage, "OPEN", opened, null, 0))));
    }
}
