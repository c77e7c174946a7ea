package dev.eventcrm.query.funnel;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The in-memory deals against a store written as the projections' runner writes it: documents first, then their
 * changes and the durable head; and as another writer might, changes published before the documents show them.
 */
class FunnelTableTest {

    /** An in-memory {@code deal_funnel}, change feed and head; its database handle is never used. */
    private static class Store extends FunnelRepository {
        final Map<String, FunnelDeal> documents = new LinkedHashMap<>();
        final Map<Long, DealChange> changes = new HashMap<>();
        long head;
        String generation = "g1";
        final AtomicInteger fullLoads = new AtomicInteger();

        Store() {
            super(mock(MongoDatabase.class));
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

    /** A deal of one of two pipelines, in one of two stages. */
    private static FunnelDeal deal(String id, long version, Random random) {
        Instant opened = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(random.nextInt(86_400));
        String stage = random.nextBoolean() ? "LEAD" : "DEMO";
        return new FunnelDeal("p" + random.nextInt(2), "owner", "web", version, new FunnelFacts(id, opened, stage,
                "OPEN", null, null, null, "10.00", "EUR",
                List.of(new FunnelFacts.Stay(stage, "OPEN", opened, null, 0))));
    }
}
