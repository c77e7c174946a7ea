package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.eventcrm.projections.testing.CrashingWrites.crashingOn;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The managers report's day buckets (UTC days here). d1 is anna's deal with contact c1, opened 2026-03-02 10:00,
 * handed to boris, won on 03-03, reopened and lost on 03-04.
 */
class DailyKpisTest {
    private static final Instant OPEN = Instant.parse("2026-03-02T10:00:00Z");
    private static final ParsedEvent OPENED = event("Deal", "d1", 0, "anna", OPEN, new DealOpened("d1", "c1", "Deal",
            new Money(new BigDecimal("1000.00"), "EUR"), "anna", "web", "p1", "LEAD", null));
    private static final ParsedEvent HANDED = event("Deal", "d1", 1, "lead", OPEN.plusSeconds(60),
            new DealOwnerAssigned("d1", "anna", "boris"));
    private static final ParsedEvent WON = event("Deal", "d1", 2, "lead", Instant.parse("2026-03-03T10:00:00Z"),
            new DealStageMoved("d1", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
    private static final ParsedEvent REOPENED = event("Deal", "d1", 3, "lead", Instant.parse("2026-03-04T09:00:00Z"),
            new DealReopened("d1", "SIGNED", "LEAD", "p1"));
    private static final ParsedEvent LOST = event("Deal", "d1", 4, "lead", Instant.parse("2026-03-04T10:00:00Z"),
            new DealStageMoved("d1", "LEAD", "GONE", "p1", false, StageKind.LOST, "price", null));

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
        history = new InMemoryEventHistory().store(OPENED, HANDED, WON, REOPENED, LOST);
    }

    private Projection kpis(MongoDatabase into) {
        return ManagerKpiProjection.create(into, history, ZoneOffset.UTC, TIMEOUT);
    }

    @Test
    void aDayHoldsEveryManagersCountersAndAReopenWithdrawsTheWinFromItsDay() {
        Projection kpis = kpis(database);
        kpis.applyBatch(List.of(OPENED, HANDED, WON, call("k1", "anna", "c7", null, OPEN.plusSeconds(600), OPEN)));

        assertThat(totals("2026-03-02")).isEqualTo(new Document("calls", perManager("anna", "1"))
                .append("connected", perManager("anna", "1")).append("dealsOpened", perManager("anna", "1"))
                .append("outbound", perManager("anna", "1")).append("talkSeconds", perManager("anna", "120")));
        assertThat(totals("2026-03-03")).isEqualTo(new Document("dealsWon", perManager("boris", "1"))
                .append("revenueWon:EUR", perManager("boris", "1000.00"))
                .append("wonWithAmount:EUR", perManager("boris", "1")));

        kpis.applyBatch(List.of(REOPENED, LOST));

        assertThat(totals("2026-03-03")).as("the withdrawn win's day").isEqualTo(new Document());
        assertThat(totals("2026-03-04")).isEqualTo(new Document("dealsLost", perManager("boris", "1")));
    }

    @Test
    void aLateLoggedActivityBecomesTheFirstResponseAndOneBeforeTheOpeningDoesNotCount() {
        Projection kpis = kpis(database);
        // answered 2 h after the opening by a call with its contact
        kpis.applyBatch(List.of(OPENED, call("k1", "boris", "c1", null, OPEN.plusSeconds(7200), OPEN)));
        assertThat(responses("2026-03-02")).containsExactly("7200000", "1");

        // logged later: a call 1 h before the opening (not a response), then an e-mail naming d1 with another
        // contact 30 min after it: the new first response
        kpis.applyBatch(List.of(call("k2", "carl", "c1", "d1", OPEN.minusSeconds(3600), OPEN.plusSeconds(9000))));
        assertThat(responses("2026-03-02")).containsExactly("7200000", "1");
        kpis.applyBatch(List.of(email("e1", "carl", "c9", "d1", OPEN.plusSeconds(1800), OPEN.plusSeconds(9600))));
        assertThat(responses("2026-03-02")).as("counted for the opener").containsExactly("1800000", "1");
        assertThat(totals("2026-03-02").get("emails", Document.class)).isEqualTo(perManager("carl", "1"));
        assertThat(totals("2026-03-02").get("calls", Document.class)).isEqualTo(new Document("boris", "1")
                .append("carl", "1"));
    }

    @Test
    void anActivityNamingADealNotProjectedYetFindsTheDealsContactInTheHistory() {
        Projection kpis = kpis(database);
        kpis.applyBatch(List.of(email("e1", "carl", "c9", "d1", OPEN.plusSeconds(60), OPEN.plusSeconds(60))));
        kpis.applyBatch(List.of(OPENED));

        assertThat(responses("2026-03-02")).containsExactly("60000", "1");
    }

    @Test
    void aRedeliveredBatchChangesNoBucket() {
        Projection kpis = kpis(database);
        List<ParsedEvent> batch = List.of(OPENED, HANDED, WON, call("k1", "boris", "c1", "d1", OPEN, OPEN));
        kpis.applyBatch(batch);
        List<Document> before = all(database, ManagerKpiProjection.COLLECTION);

        kpis.applyBatch(batch);
        kpis.applyBatch(List.of(WON, OPENED));

        assertThat(all(database, ManagerKpiProjection.COLLECTION)).isEqualTo(before); // rev tokens included
        assertThat(responses("2026-03-02")).containsExactly("0", "1");
    }

    @Test
    void aBatchRedeliveredAfterDyingBetweenBucketsAndDocumentsEndsAsACleanRun() {
        List<ParsedEvent> batch = List.of(OPENED, HANDED, WON, REOPENED, LOST,
                call("k1", "boris", "c1", null, OPEN.plusSeconds(60), OPEN.plusSeconds(60)));
        kpis(database).applyBatch(batch);
        MongoDatabase crashed = mongo.freshDatabase();
        kpis(crashed).applyBatch(List.of(OPENED, HANDED, WON));
        Projection dying = kpis(crashingOn(crashed, written -> !"bucket".equals(written.get("kind"))));

        assertThatThrownBy(() -> dying.applyBatch(batch)).hasMessageContaining("crashed before");
        kpis(crashed).applyBatch(batch);

        assertThat(withoutTokens(crashed)).isEqualTo(withoutTokens(database));
    }

    @Test
    void managerIdsWithDotsAndDollarsAreEncodedKeys() {
        kpis(database).applyBatch(List.of(call("k1", "a.b$c%", "c1", null, OPEN, OPEN)));

        assertThat(totals("2026-03-02").get("calls", Document.class)).isEqualTo(perManager("a%2Eb%24c%25", "1"));
        assertThat(DailyKpis.key("a.b$c%")).isEqualTo("a%2Eb%24c%25");
    }

    private static ParsedEvent event(String type, String id, long sequence, String actor, Instant at,
                                     Record payload) {
        return new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), type, id, sequence, at, at,
                Map.of("actorId", actor), payload, null);
    }

    /** A connected outbound call of 120 s that happened at {@code happened}, logged at {@code logged}. */
    private static ParsedEvent call(String id, String actor, String contactId, String dealId, Instant happened,
                                    Instant logged) {
        return event("Call", id, 0, actor, logged, new CallLogged(id, contactId, dealId, CallDirection.OUTBOUND,
                CallOutcome.CONNECTED, 120, null, happened));
    }

    private static ParsedEvent email(String id, String actor, String contactId, String dealId, Instant happened,
                                     Instant logged) {
        return event("Email", id, 0, actor, logged, new EmailLogged(id, contactId, dealId, EmailDirection.OUTBOUND,
                "Offer", happened));
    }

    private static Document perManager(String key, String value) {
        return new Document(key, value);
    }

    private Document totals(String day) {
        Document bucket = byId(database, ManagerKpiProjection.COLLECTION, DailyKpis.ID_PREFIX + day);
        return bucket == null ? null : bucket.get("totals", Document.class);
    }

    /** anna's responseMillis (a zero sum is left out) and responses of the day. */
    private List<String> responses(String day) {
        Document totals = totals(day);
        return List.of(totals.get("responseMillis", new Document()).get("anna", "0"),
                totals.get("responses", Document.class).getString("anna"));
    }

    private static List<Document> withoutTokens(MongoDatabase database) {
        List<Document> documents = all(database, ManagerKpiProjection.COLLECTION);
        documents.forEach(document -> document.remove("rev"));
        return documents;
    }
}
