package dev.eventcrm.projections.dealfacts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import static dev.eventcrm.projections.testing.CrashingWrites.crashingOn;
import static dev.eventcrm.projections.testing.CrashingWrites.crashingOnUpdateMany;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.MongoTestServer.reported;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dynamics' day buckets kept beside the deal facts, in Asia/Vladivostok (UTC+10): T0 is 19:00 local. */
class DailyDynamicsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Vladivostok");
    private static final long DAY = 86_400;
    private static final ParsedEvent OPENED = event("Deal", "d1", 0, T0, new DealOpened("d1", "c1", "Deal",
            new Money(new BigDecimal("1000.00"), "EUR"), "u1", "web", "p1", "LEAD", null));
    /** 05:00 local on the next day but one, still the next day in UTC. */
    private static final ParsedEvent WON = event("Deal", "d1", 1, T0.plusSeconds(DAY + 10 * 3600),
            new DealStageMoved("d1", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
    private static final ParsedEvent AMOUNT = event("Deal", "d1", 2, T0.plusSeconds(2 * DAY),
            new DealAmountChanged("d1", null, new Money(new BigDecimal("1200.5"), "EUR")));
    private static final ParsedEvent REOPENED = event("Deal", "d1", 3, T0.plusSeconds(3 * DAY),
            new DealReopened("d1", "SIGNED", "OFFER", "p1"));
    private static final ParsedEvent OTHER = event("Deal", "d2", 0, T0.plusSeconds(3600), new DealOpened("d2", "c1",
            "Deal", new Money(new BigDecimal("7.25"), "USD"), "u2", "web", "p1", "LEAD", null));

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void fresh() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory().store(OPENED, WON, AMOUNT, REOPENED, OTHER);
    }

    private Projection facts(MongoDatabase into) {
        return DealFactsProjection.create(into, history, ZONE, TIMEOUT);
    }

    @Test
    void aDayHoldsEachDealsShareAndTheirTotalsAndAReopenWithdrawsTheWin() {
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, OTHER, WON, AMOUNT));

        Document opened = bucket("2026-03-02");
        assertThat(opened.get("kind")).isEqualTo("bucket");
        assertThat(opened.get("totals")).isEqualTo(new Document("opened", 2L));
        Document won = bucket("2026-03-04");
        assertThat(won.get("totals")).isEqualTo(new Document("moves", 1L).append("won", 1L)
                .append("revenue", new Document("EUR", "1200.5")));

        facts.applyBatch(List.of(REOPENED));

        assertThat(bucket("2026-03-04").get("totals")).isEqualTo(new Document("moves", 1L));
        assertThat(bucket("2026-03-05").get("totals")).isEqualTo(new Document("moves", 1L));
    }

    @Test
    void aRedeliveredEventChangesNoBucket() {
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, OTHER, WON));
        List<Document> before = all(database, DealFactsProjection.COLLECTION);

        facts.applyBatch(List.of(WON, OPENED));
        facts.applyBatch(List.of(OTHER, WON));

        assertThat(all(database, DealFactsProjection.COLLECTION)).isEqualTo(before); // rev tokens included
    }

    @Test
    void aBatchThatDiedAfterWritingTheFactsIsFinishedWhenRedelivered() {
        facts(database).applyBatch(List.of(OPENED, OTHER, WON));
        MongoDatabase crashed = mongo.freshDatabase();
        facts(crashed).applyBatch(List.of(OPENED));
        Projection dying = facts(crashingOn(crashed, written -> "bucket".equals(written.get("kind"))));

        assertThatThrownBy(() -> dying.applyBatch(List.of(OTHER, WON))).hasMessageContaining("crashed before");
        assertThat(byId(crashed, DealFactsProjection.COLLECTION, "d2").get("pending")).as("facts written, pending")
                .isNotNull();
        assertThat(byId(crashed, DealFactsProjection.COLLECTION, DailyDynamics.ID_PREFIX + "2026-03-04"))
                .as("buckets not written").isNull();

        facts(crashed).applyBatch(List.of(OTHER, WON));

        assertThat(reported(crashed, DealFactsProjection.COLLECTION))
                .isEqualTo(reported(database, DealFactsProjection.COLLECTION));
    }

    @Test
    void aBatchThatDiedAfterWritingFactsAndBucketsCountsOnceWhenFinishedAtTheNextStart() {
        facts(database).applyBatch(List.of(OPENED, OTHER, WON));
        MongoDatabase crashed = mongo.freshDatabase();
        facts(crashed).applyBatch(List.of(OPENED));
        Projection dying = facts(crashingOnUpdateMany(crashed));

        assertThatThrownBy(() -> dying.applyBatch(List.of(OTHER, WON))).hasMessageContaining("crashed before");
        assertThat(byId(crashed, DealFactsProjection.COLLECTION, "d1").get("pending")).as("left pending")
                .isNotNull();

        facts(crashed).prepare();

        assertThat(reported(crashed, DealFactsProjection.COLLECTION))
                .isEqualTo(reported(database, DealFactsProjection.COLLECTION));
    }

    /** A sum is shown as adding up its current contributions would: a withdrawn amount leaves no trailing zero. */
    @Test
    void aWithdrawnContributionLeavesTheTotalsOfTheOthers() {
        ParsedEvent secondWin = event("Deal", "d2", 1, T0.plusSeconds(DAY + 10 * 3600),
                new DealStageMoved("d2", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
        ParsedEvent newAmount = event("Deal", "d2", 2, T0.plusSeconds(DAY + 11 * 3600),
                new DealAmountChanged("d2", null, new Money(new BigDecimal("3.25"), "EUR")));
        ParsedEvent reopened = event("Deal", "d2", 3, T0.plusSeconds(3 * DAY), new DealReopened("d2", "SIGNED",
                "OFFER", "p1"));
        history.store(secondWin, newAmount, reopened);
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, OTHER, WON, AMOUNT, secondWin, newAmount));
        assertThat(bucket("2026-03-04").get("totals", Document.class).get("revenue"))
                .isEqualTo(new Document("EUR", "1203.75"));

        facts.applyBatch(List.of(reopened));

        assertThat(bucket("2026-03-04").get("totals")).isEqualTo(new Document("moves", 2L).append("won", 1L)
                .append("revenue", new Document("EUR", "1200.5")));
    }

    @Test
    void aRebuildCarriesTheBucketsAlong() {
        facts(database).applyBatch(List.of(OPENED, OTHER, WON, AMOUNT));
        facts(database).into("deal_facts_rebuild").applyBatch(List.of(OPENED, OTHER, WON, AMOUNT));

        assertThat(reported(database, "deal_facts_rebuild"))
                .isEqualTo(reported(database, DealFactsProjection.COLLECTION));
    }

    private Document bucket(String day) {
        return byId(database, DealFactsProjection.COLLECTION, DailyDynamics.ID_PREFIX + day);
    }

}
