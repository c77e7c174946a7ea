package dev.eventcrm.projections.core;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.projections.testing.CrashingWrites.holdingOn;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.MongoTestServer.reported;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writers of the same documents, e.g. a consumer stalled past a rebalance and the instance that took its
 * partitions over. The stalled one is held between reading its documents and writing them (inside a gap heal, which
 * runs in that window) while the other applies newer events; when released, its compare-and-set write loses, it
 * folds again from what is stored, and the document is neither set back nor double-counted.
 */
class ConcurrentWritersTest {
    private static MongoTestServer mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    /** The event history, held at its first load until released. */
    /**
     * A writer paused after writing its facts (their records pending) and before moving the buckets: another writer
     * that loads one of those deals finishes the whole change first; the paused one, released, finds the buckets
     * already showing it, and nothing counts twice.
     */
    @Test
    void aChangeFinishedByAnotherWriterWhileItsWriterIsPausedCountsOnce() throws Exception {
        ParsedEvent opened = dealOpened("d4", "c1", "10.00", T0);
        ParsedEvent other = dealOpened("d5", "c1", "20.00", T0.plusSeconds(60));
        ParsedEvent won = event("Deal", "d4", 1, T0.plusSeconds(86_400),
                new DealStageMoved("d4", "NEW", "WON", "default", false, StageKind.WON, null, null));
        InMemoryEventHistory store = new InMemoryEventHistory().store(opened, other, won);
        MongoDatabase clean = mongo.freshDatabase();
        DealFactsProjection.create(clean, store, ZoneOffset.UTC, TIMEOUT).applyBatch(List.of(opened, other, won));
        MongoDatabase database = mongo.freshDatabase();
        CountDownLatch factsWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Projection paused = DealFactsProjection.create(holdingOn(database,
                written -> "bucket".equals(written.get("kind")), factsWritten, release), store, ZoneOffset.UTC,
                TIMEOUT);
        Projection current = DealFactsProjection.create(database, store, ZoneOffset.UTC, TIMEOUT);

        CompletableFuture<Void> pausedBatch = CompletableFuture.runAsync(
                () -> paused.applyBatch(List.of(opened, other)));
        assertThat(factsWritten.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(byId(database, DealFactsProjection.COLLECTION, "d5").get("pending")).isNotNull();
        current.applyBatch(List.of(won));
        assertThat(byId(database, DealFactsProjection.COLLECTION, "d5").get("pending"))
                .as("the other deal of the paused change, finished too").isNull();
        release.countDown();
        pausedBatch.get(30, TimeUnit.SECONDS);

        assertThat(reported(database, DealFactsProjection.COLLECTION))
                .isEqualTo(reported(clean, DealFactsProjection.COLLECTION));
    }

    private static final class HeldHistory implements EventHistory {
        private final InMemoryEventHistory history;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        HeldHistory(InMemoryEventHistory history) {
            this.history = history;
        }

        @Override
        public List<ParsedEvent> load(String aggregateId, long fromSequence) {
            entered.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return history.load(aggregateId, fromSequence);
        }
    }

    @Test
    void aStalledWriterNeitherSetsADocumentBackNorCountsACallTwice() throws Exception {
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent opened = dealOpened("d1", "c1", "10.00", T0);
        ParsedEvent qualified = stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(1));
        ParsedEvent proposal = stageMoved("d1", 2, "QUALIFIED", "PROPOSAL", T0.plusSeconds(2));
        ParsedEvent won = stageMoved("d1", 3, "PROPOSAL", "WON", T0.plusSeconds(3));
        ParsedEvent call = callLogged("call-1", "c1", "d1", CONNECTED, T0.plusSeconds(4));
        InMemoryEventHistory store = new InMemoryEventHistory().store(opened, qualified, proposal, won, call);
        HeldHistory held = new HeldHistory(store);
        Projection stalled = DealBoardProjection.create(database, held, TIMEOUT);
        Projection current = DealBoardProjection.create(database, store, TIMEOUT);
        current.applyBatch(List.of(opened));

        // The stalled instance has read d1 (version 0) and must heal sequence 1 before applying 2 and the call.
        CompletableFuture<Void> stalledBatch = CompletableFuture.runAsync(
                () -> stalled.applyBatch(List.of(proposal, call)));
        assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();
        current.applyBatch(List.of(qualified, proposal, won, call));
        Document afterCurrent = byId(database, DealBoardProjection.COLLECTION, "d1");
        held.release.countDown();
        stalledBatch.get(30, TimeUnit.SECONDS);

        Document deal = byId(database, DealBoardProjection.COLLECTION, "d1");
        assertThat(deal.getLong("version")).isEqualTo(3L);
        assertThat(deal.getString("stage")).isEqualTo("WON");
        assertThat(deal.getInteger("callCount")).isEqualTo(1);
        // The stalled writer found everything applied when it folded again, so it wrote nothing at all.
        assertThat(deal).isEqualTo(afterCurrent);
    }

    @Test
    void twoWritersCreatingTheSameDocumentBothLandTheirEvents() throws Exception {
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent opened = dealOpened("d2", "c1", "10.00", T0);
        ParsedEvent moved = stageMoved("d2", 1, "NEW", "WON", T0.plusSeconds(1));
        ParsedEvent call = callLogged("call-2", "c1", "d2", CONNECTED, T0.plusSeconds(2));
        InMemoryEventHistory store = new InMemoryEventHistory().store(opened, moved, call);
        HeldHistory held = new HeldHistory(store);
        Projection stalled = DealBoardProjection.create(database, held, TIMEOUT);
        Projection current = DealBoardProjection.create(database, store, TIMEOUT);

        // The stalled one saw no document (it will insert) and heals d2's opening before applying the move.
        CompletableFuture<Void> stalledBatch = CompletableFuture.runAsync(() -> stalled.applyBatch(List.of(moved)));
        assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();
        current.applyBatch(List.of(call)); // creates d2 as a placeholder holding the call
        held.release.countDown();
        stalledBatch.get(30, TimeUnit.SECONDS);

        Document deal = byId(database, DealBoardProjection.COLLECTION, "d2");
        assertThat(deal.getLong("version")).isEqualTo(1L);
        assertThat(deal.getString("stage")).isEqualTo("WON");
        assertThat(deal.getInteger("callCount")).isEqualTo(1);
    }

    @Test
    void aStalledWriterLeavesNoStaleShareInTheDerivedBuckets() throws Exception {
        ParsedEvent opened = dealOpened("d3", "c1", "10.00", T0);
        ParsedEvent qualified = stageMoved("d3", 1, "NEW", "QUALIFIED", T0.plusSeconds(86_400));
        ParsedEvent won = event("Deal", "d3", 2, T0.plusSeconds(2 * 86_400),
                new DealStageMoved("d3", "QUALIFIED", "WON", "default", false, StageKind.WON, null, null));
        ParsedEvent reopened = event("Deal", "d3", 3, T0.plusSeconds(3 * 86_400),
                new DealReopened("d3", "WON", "PROPOSAL", "default"));
        InMemoryEventHistory store = new InMemoryEventHistory().store(opened, qualified, won, reopened);
        MongoDatabase clean = mongo.freshDatabase();
        DealFactsProjection.create(clean, store, ZoneOffset.UTC, TIMEOUT)
                .applyBatch(List.of(opened, qualified, won, reopened));
        MongoDatabase database = mongo.freshDatabase();
        HeldHistory held = new HeldHistory(store);
        Projection stalled = DealFactsProjection.create(database, held, ZoneOffset.UTC, TIMEOUT);
        Projection current = DealFactsProjection.create(database, store, ZoneOffset.UTC, TIMEOUT);
        current.applyBatch(List.of(opened));

        // The stalled one read d3 before the reopen and heals the qualification; it then sets the win's share on
        // its day and loses the facts' write: the win, withdrawn by the reopen, must not stay in the buckets.
        CompletableFuture<Void> stalledBatch = CompletableFuture.runAsync(() -> stalled.applyBatch(List.of(won)));
        assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();
        current.applyBatch(List.of(qualified, won, reopened));
        held.release.countDown();
        stalledBatch.get(30, TimeUnit.SECONDS);

        assertThat(reported(database, DealFactsProjection.COLLECTION))
                .isEqualTo(reported(clean, DealFactsProjection.COLLECTION));
    }
}
