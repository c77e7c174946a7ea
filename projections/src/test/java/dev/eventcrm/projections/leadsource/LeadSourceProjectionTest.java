package dev.eventcrm.projections.leadsource;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.MongoStateStore;
import dev.eventcrm.projections.testing.CrashingWrites;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class LeadSourceProjectionTest {
    private static final long DAY = 86_400;
    /** c1 is created from "web" (TestEvents' source), moved to "ads", then merged into c2 as a duplicate. */
    private static final ParsedEvent CREATED = contactCreated("c1", "Anna", T0);
    private static final ParsedEvent SOURCE = event("Contact", "c1", 1, T0.plusSeconds(60),
            new ContactSourceChanged("c1", "web", "ads"));
    private static final ParsedEvent MERGED = event("Contact", "c1", 2, T0.plusSeconds(DAY),
            new ContactMergedInto("c1", "c2"));
    /** d1 is opened from "ads", won, reopened, won again, and its amount changed to USD. */
    private static final ParsedEvent OPENED = event("Deal", "d1", 0, T0.plusSeconds(120), new DealOpened("d1", "c1",
            "Fleet", new Money(new BigDecimal("1000.00"), "EUR"), "anna", "ads", "default", "NEW"));
    private static final ParsedEvent WON = event("Deal", "d1", 1, T0.plusSeconds(2 * DAY), won());
    private static final ParsedEvent REOPENED = event("Deal", "d1", 2, T0.plusSeconds(3 * DAY),
            new DealReopened("d1", "WON", "NEW", "default"));
    private static final ParsedEvent WON_AGAIN = event("Deal", "d1", 3, T0.plusSeconds(5 * DAY), won());
    private static final ParsedEvent AMOUNT = event("Deal", "d1", 4, T0.plusSeconds(6 * DAY), new DealAmountChanged(
            "d1", new Money(new BigDecimal("1000.00"), "EUR"), new Money(new BigDecimal("1200.50"), "USD")));
    /** The ads' November spend, recorded and then replaced. */
    private static final String SPEND = "s-ads-2026-11";
    private static final ParsedEvent SPENT = event("MarketingSpend", SPEND, 0, T0, new MarketingSpendRecorded(SPEND,
            "ads", YearMonth.of(2026, 11), new Money(new BigDecimal("3000.00"), "EUR")));
    private static final ParsedEvent RESPENT = event("MarketingSpend", SPEND, 1, T0.plusSeconds(DAY),
            new MarketingSpendRecorded(SPEND, "ads", YearMonth.of(2026, 11), new Money(new BigDecimal("3250.5"),
                    "EUR")));
    private static final List<ParsedEvent> HISTORY = List.of(CREATED, SOURCE, MERGED, OPENED, WON, REOPENED,
            WON_AGAIN, AMOUNT, SPENT, RESPENT);

    private static MongoTestServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void aContactCountsForItsCurrentSourceFromItsCreationAndADuplicateNamesItsSurvivor() {
        MongoDatabase database = folded(List.of(CREATED, MERGED, SOURCE, CREATED)); // SOURCE (1) is healed first
        Document contact = byId(database, LeadSourceProjection.COLLECTION, "c1");
        assertThat(contact.getString("kind")).isEqualTo("CONTACT");
        assertThat(contact.getString("source")).isEqualTo("ads");
        assertThat(contact.getDate("at")).isEqualTo(Date.from(T0));
        assertThat(contact.getString("mergedInto")).isEqualTo("c2");
    }

    @Test
    void aDealKeepsItsOwnSourceItsContactAndOnlyItsCurrentWinAndAmount() {
        MongoDatabase database = folded(List.of(OPENED, WON, WON_AGAIN, REOPENED, AMOUNT, WON));
        Document deal = byId(database, LeadSourceProjection.COLLECTION, "d1");
        assertThat(deal.getString("kind")).isEqualTo("DEAL");
        assertThat(deal.getString("source")).isEqualTo("ads");
        assertThat(deal.getString("contactId")).isEqualTo("c1");
        assertThat(deal.getDate("at")).isEqualTo(Date.from(OPENED.occurredAt()));
        // the first win was withdrawn by the reopen; the second one stands
        assertThat(deal.getDate("wonAt")).isEqualTo(Date.from(WON_AGAIN.occurredAt()));
        assertThat(deal.get("amount", Document.class)).isEqualTo(new Document("value", "1200.50")
                .append("currency", "USD"));
    }

    @Test
    void aReopenedDealIsNotWon() {
        Document deal = byId(folded(List.of(OPENED, WON, REOPENED)), LeadSourceProjection.COLLECTION, "d1");
        assertThat(deal.get("wonAt")).isNull();
    }

    @Test
    void aMonthsSpendIsItsLatestRecord() {
        Document spend = byId(folded(List.of(RESPENT, SPENT)), LeadSourceProjection.COLLECTION, SPEND);
        assertThat(spend.getString("kind")).isEqualTo("SPEND");
        assertThat(spend.getString("source")).isEqualTo("ads");
        assertThat(spend.getString("month")).isEqualTo("2026-11");
        assertThat(spend.get("amount", Document.class)).isEqualTo(new Document("value", "3250.5")
                .append("currency", "EUR"));
    }

    @Test
    void redeliveredInterleavedAndGappyDeliveryEqualsARebuildInOrder() {
        MongoDatabase rebuilt = folded(HISTORY);
        MongoDatabase incremental = folded(List.of(RESPENT, AMOUNT, MERGED, SPENT, CREATED, WON_AGAIN, OPENED));
        folded(incremental, List.of(OPENED, WON, SOURCE, RESPENT, AMOUNT, CREATED));

        assertThat(comparable(incremental)).hasSize(5).isEqualTo(comparable(rebuilt));
    }

    @Test
    void theBucketsCountADealOnItsOpeningDayWithItsCurrentWinAndAmountAndAMonthsSpendAsItsLatestRecord() {
        MongoDatabase database = folded(HISTORY);
        // c1 was merged into c2: no lead of its own; d1 (ads) opened on T0's day, won again 5 days later, in USD now
        assertThat(byId(database, LeadSourceProjection.COLLECTION, SourceBuckets.DAY_PREFIX + "2026-03-02")
                .get("totals", Document.class)).isEqualTo(new Document()
                .append("cycle", new Document("=ads", Long.toString((5 * DAY - 120) * 1000)))
                .append("deals", new Document("=ads", "1"))
                .append("revenue", new Document("=ads|=USD", "1200.50"))
                .append("won", new Document("=ads", "1")));
        assertThat(byId(database, LeadSourceProjection.COLLECTION, SourceBuckets.SPEND_PREFIX + "2026-11")
                .get("totals", Document.class)).isEqualTo(new Document("spend", new Document("=ads|=EUR", "3250.5")));
    }

    @Test
    void aDealWithoutASourceOfItsOwnCountsForItsContactWhoseSourceTheReportLooksUp() {
        ParsedEvent opened = event("Deal", "d2", 0, T0, new DealOpened("d2", "c1", "Fleet", null, "anna", null,
                "default", "NEW"));
        MongoDatabase database = folded(List.of(CREATED, opened));
        assertThat(byId(database, LeadSourceProjection.COLLECTION, SourceBuckets.DAY_PREFIX + "2026-03-02")
                .get("totals", Document.class)).isEqualTo(new Document("contacts", new Document("=web", "1"))
                .append("dealsOf", new Document("=c1", "1")));
    }

    /** A move between open stages changes no bucket: no pending record, no clearing write (which crashes here). */
    @Test
    void aChangeThatMovesNoShareIsWrittenWithoutTheBucketsBookkeeping() {
        MongoDatabase database = folded(List.of(OPENED));
        ParsedEvent moved = event("Deal", "d1", 1, T0.plusSeconds(DAY), new DealStageMoved("d1", "NEW", "QUALIFIED",
                "default", false, StageKind.OPEN, null, null));
        Projection projection = LeadSourceProjection.create(CrashingWrites.crashingOnUpdateMany(database),
                new InMemoryEventHistory().store(OPENED, moved), ZoneOffset.UTC, TIMEOUT);

        projection.applyBatch(List.of(moved));

        Document deal = byId(database, LeadSourceProjection.COLLECTION, "d1");
        assertThat(deal.getList(MongoStateStore.APPLIED, Document.class))
                .containsExactly(new Document("aggregateId", "d1").append("sequence", 1L));
        assertThat(deal.get(MongoStateStore.PENDING)).isNull();
    }

    private static MongoDatabase folded(List<ParsedEvent> delivery) {
        return folded(mongo.freshDatabase(), delivery);
    }

    private static MongoDatabase folded(MongoDatabase database, List<ParsedEvent> delivery) {
        Projection projection = LeadSourceProjection.create(database,
                new InMemoryEventHistory().store(HISTORY.toArray(ParsedEvent[]::new)), ZoneOffset.UTC, TIMEOUT);
        projection.prepare();
        projection.applyBatch(delivery);
        return database;
    }

    /** The documents without the store's write token, which every write draws anew; buckets as a report reads them. */
    private static List<Document> comparable(MongoDatabase database) {
        return all(database, LeadSourceProjection.COLLECTION).stream().peek(d -> d.remove(MongoStateStore.REVISION))
                .peek(d -> d.remove("writers")).toList();
    }

    private static DealStageMoved won() {
        return new DealStageMoved("d1", "NEW", "WON", "default", false, StageKind.WON, null, null);
    }
}
