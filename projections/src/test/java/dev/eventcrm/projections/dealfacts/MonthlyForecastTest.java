package dev.eventcrm.projections.dealfacts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static dev.eventcrm.projections.testing.CrashingWrites.crashingOn;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.MongoTestServer.reported;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forecast's month buckets kept beside the deal facts, in Asia/Vladivostok (UTC+10): T0 is 19:00 local on
 * 2026-03-02. Keys are {@link dev.eventcrm.projections.bucket.ShareKeys}: {@code =u1|=LEAD|=EUR}.
 */
class MonthlyForecastTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Vladivostok");
    private static final long DAY = 86_400;
    private static final ParsedEvent OPENED = event("Deal", "d1", 0, T0, new DealOpened("d1", "c1", "Deal",
            new Money(new BigDecimal("1000.00"), "EUR"), "u1", "web", "p1", "LEAD", LocalDate.parse("2026-04-10")));
    /** 14:30Z on 31 March: already 1 April in Vladivostok, so the win is April's. */
    private static final ParsedEvent WON = event("Deal", "d1", 1, T0.plusSeconds(29 * DAY).plusSeconds(5 * 3600 + 1800),
            new DealStageMoved("d1", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
    private static final ParsedEvent HANDED_OVER = event("Deal", "d1", 2, T0.plusSeconds(30 * DAY),
            new DealOwnerAssigned("d1", "u1", "u3"));
    private static final ParsedEvent REOPENED = event("Deal", "d1", 3, T0.plusSeconds(31 * DAY),
            new DealReopened("d1", "SIGNED", "OFFER", "p1"));
    private static final ParsedEvent MAY = event("Deal", "d1", 4, T0.plusSeconds(32 * DAY),
            new DealExpectedCloseDateChanged("d1", LocalDate.parse("2026-04-10"), LocalDate.parse("2026-05-20")));
    private static final ParsedEvent JUNE = event("Deal", "d1", 5, T0.plusSeconds(33 * DAY),
            new DealExpectedCloseDateChanged("d1", LocalDate.parse("2026-05-20"), LocalDate.parse("2026-06-01")));
    private static final ParsedEvent D5_OPENED = event("Deal", "d5", 0, T0, new DealOpened("d5", "c1", "Deal",
            new Money(new BigDecimal("5.00"), "EUR"), "u1", "web", "p1", "LEAD", LocalDate.parse("2026-04-10")));
    private static final ParsedEvent D5_MAY = event("Deal", "d5", 1, T0.plusSeconds(DAY),
            new DealExpectedCloseDateChanged("d5", LocalDate.parse("2026-04-10"), LocalDate.parse("2026-05-20")));
    private static final ParsedEvent D5_JUNE = event("Deal", "d5", 2, T0.plusSeconds(2 * DAY),
            new DealExpectedCloseDateChanged("d5", LocalDate.parse("2026-05-20"), LocalDate.parse("2026-06-01")));
    private static final ParsedEvent UNDATED = event("Deal", "d2", 0, T0.plusSeconds(3600), new DealOpened("d2", "c1",
            "Deal", new Money(new BigDecimal("7.25"), "USD"), "u.$2", "web", "p1", "LEAD", null));
    private static final ParsedEvent EARLY = event("Deal", "d3", 0, T0.plusSeconds(7200), new DealOpened("d3", "c1",
            "Deal", null, null, "web", "p1", "DEMO", LocalDate.parse("1999-12-31")));

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
        history = new InMemoryEventHistory().store(OPENED, WON, HANDED_OVER, REOPENED, MAY, JUNE, D5_OPENED,
                D5_MAY, D5_JUNE, UNDATED, EARLY);
    }

    private Projection facts(MongoDatabase into) {
        return DealFactsProjection.create(into, history, ZONE, TIMEOUT);
    }

    @Test
    void openDealsPerCloseMonthOwnerStageAndCurrencyWinsPerMonthOfTheirOwnerThen() {
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, UNDATED, EARLY));

        Document april = bucket("p1:open:2026-04");
        assertThat(april.get("kind")).isEqualTo("bucket");
        assertThat(april.get("totals")).isEqualTo(new Document("deals", new Document("=u1", "1"))
                .append("open", new Document("=u1|=LEAD|=EUR", "1000.00")));
        // '.' and '$' of an owner id are escaped, so the key is a valid field name and decodes back
        assertThat(bucket("p1:open:undated").get("totals")).isEqualTo(new Document("deals",
                new Document("=u%2E%242", "1")).append("open", new Document("=u%2E%242|=LEAD|=USD", "7.25")));
        // no owner, no amount: counted, adds no sum; before 2000 in the one early bucket
        assertThat(bucket("p1:open:early").get("totals")).isEqualTo(new Document("deals", new Document("~", "1")));

        facts.applyBatch(List.of(WON, HANDED_OVER));

        assertThat(bucket("p1:open:2026-04").get("totals")).isEqualTo(new Document());
        assertThat(bucket("p1:won:2026-04").get("totals")).isEqualTo(new Document("deals", new Document("=u1", "1"))
                .append("won", new Document("=u1|=EUR", "1000.00")));
    }

    @Test
    void aReopenWithdrawsTheWinAndANewCloseDateMovesTheOpenDeal() {
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, WON, HANDED_OVER));

        facts.applyBatch(List.of(REOPENED, MAY));

        assertThat(totals("p1:won:2026-04")).isEqualTo(new Document());
        assertThat(totals("p1:open:2026-04")).as("never held the deal: absent, read as empty").isEqualTo(new Document());
        assertThat(bucket("p1:open:2026-05").get("totals")).isEqualTo(new Document("deals", new Document("=u3", "1"))
                .append("open", new Document("=u3|=OFFER|=EUR", "1000.00")));
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        Projection facts = facts(database);
        facts.applyBatch(List.of(OPENED, UNDATED, WON));
        List<Document> before = all(database, DealFactsProjection.COLLECTION);

        facts.applyBatch(List.of(WON, OPENED));
        facts.applyBatch(List.of(UNDATED, WON));

        assertThat(all(database, DealFactsProjection.COLLECTION)).isEqualTo(before); // rev tokens included
    }

    @Test
    void aLongerRedeliveryAfterDyingBetweenFactsAndBucketsEndsAsACleanRun() {
        facts(database).applyBatch(List.of(D5_OPENED, D5_MAY, D5_JUNE));
        MongoDatabase crashed = mongo.freshDatabase();
        facts(crashed).applyBatch(List.of(D5_OPENED));
        Projection dying = facts(crashingOn(crashed, written -> "bucket".equals(written.get("kind"))));

        // the dead batch moved the deal to May in its facts only; the redelivery goes on to June
        assertThatThrownBy(() -> dying.applyBatch(List.of(D5_MAY))).hasMessageContaining("crashed before");
        assertThat(byId(crashed, DealFactsProjection.COLLECTION, "d5").get("pending")).as("facts written, pending")
                .isNotNull();

        facts(crashed).applyBatch(List.of(D5_MAY, D5_JUNE));

        assertThat(byId(crashed, DealFactsProjection.COLLECTION, MonthlyForecast.ID_PREFIX + "p1:open:2026-05")
                .get("totals")).isEqualTo(new Document());
        assertThat(reported(crashed, DealFactsProjection.COLLECTION))
                .isEqualTo(reported(database, DealFactsProjection.COLLECTION));
    }

    /** A bucket's totals; an absent bucket reads as empty, as the report reads it. */
    private Document totals(String suffix) {
        Document bucket = bucket(suffix);
        return bucket == null ? new Document() : bucket.get("totals", Document.class);
    }

    private Document bucket(String suffix) {
        return byId(database, DealFactsProjection.COLLECTION, MonthlyForecast.ID_PREFIX + suffix);
    }
}
