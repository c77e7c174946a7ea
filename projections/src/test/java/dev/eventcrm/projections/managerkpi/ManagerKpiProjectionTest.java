package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskType;
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
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class ManagerKpiProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection kpis;

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
        history = new InMemoryEventHistory();
        kpis = ManagerKpiProjection.create(database, history, ZoneOffset.UTC, TIMEOUT);
        kpis.prepare();
    }

    private static final ParsedEvent OPENED = event("Deal", "d1", 0, T0, new DealOpened("d1", "c1", "Deal",
            new Money(new BigDecimal("1000.00"), "EUR"), "anna", "web", "p1", "LEAD", null));
    private static final ParsedEvent HANDED = event("Deal", "d1", 1, T0.plusSeconds(60),
            new DealOwnerAssigned("d1", "anna", "boris"));
    private static final ParsedEvent WON = event("Deal", "d1", 2, T0.plusSeconds(86_400),
            new DealStageMoved("d1", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
    private static final ParsedEvent REOPENED = event("Deal", "d1", 3, T0.plusSeconds(2 * 86_400),
            new DealReopened("d1", "SIGNED", "LEAD", "p1"));
    private static final ParsedEvent LOST = event("Deal", "d1", 4, T0.plusSeconds(3 * 86_400),
            new DealStageMoved("d1", "LEAD", "GONE", "p1", false, StageKind.LOST, "price", null));
    private static final ParsedEvent AMOUNT = event("Deal", "d1", 5, T0.plusSeconds(4 * 86_400),
            new DealAmountChanged("d1", new Money(new BigDecimal("1000.00"), "EUR"),
                    new Money(new BigDecimal("1200.50"), "USD")));

    @Test
    void aDealCountsItsOpeningForTheOpenerAndOnlyItsCurrentOutcomeForTheOwnerThen() {
        history.store(OPENED, HANDED, WON, REOPENED, LOST, AMOUNT);
        kpis.applyBatch(List.of(OPENED, WON)); // the handover (1) is healed from the history
        assertThat(facts("d1")).extracting(f -> f.getString("type") + ":" + f.getString("managerId"))
                .containsExactly("DEAL_OPENED:anna", "DEAL_WON:boris");

        kpis.applyBatch(List.of(WON, REOPENED, OPENED, LOST, AMOUNT, LOST)); // redelivered around the reopen

        Document deal = byId(database, ManagerKpiProjection.COLLECTION, "d1");
        assertThat(facts("d1")).extracting(f -> f.getString("type") + ":" + f.getString("managerId"))
                .containsExactly("DEAL_OPENED:anna", "DEAL_LOST:boris");
        assertThat(deal.getString("contactId")).isEqualTo("c1");
        assertThat(deal.get("amount", Document.class)).isEqualTo(new Document("value", "1200.50")
                .append("currency", "USD"));
    }

    @Test
    void aLateLoggedCallCountsWhenItHappenedForItsActor() {
        ParsedEvent call = event("Call", "k1", 0, T0.plusSeconds(7200), new CallLogged("k1", "c1", null,
                CallDirection.OUTBOUND, CallOutcome.CONNECTED, 125, null, T0));
        kpis.applyBatch(List.of(call, call));

        Document stored = byId(database, ManagerKpiProjection.COLLECTION, "k1");
        assertThat(stored.getString("contactId")).isEqualTo("c1"); // what a new deal's first response is found by
        assertThat(stored.get("dealId")).isNull();
        Document fact = facts("k1").get(0);
        assertThat(facts("k1")).hasSize(1);
        assertThat(fact.getString("type")).isEqualTo("CALL");
        assertThat(fact.getString("managerId")).isEqualTo("user-7"); // TestEvents' actor
        assertThat(fact.getDate("at")).isEqualTo(Date.from(T0));
        assertThat(fact.getBoolean("outbound")).isTrue();
        assertThat(fact.getBoolean("connected")).isTrue();
        assertThat(fact.getInteger("seconds")).isEqualTo(125);
    }

    @Test
    void aCompletedTaskCountsForItsAssigneeThenNotForWhoeverClosedIt() {
        ParsedEvent created = event("Task", "t1", 0, T0, new TaskCreated("t1", TaskType.CALL, T0.plusSeconds(3600),
                "anna", "c1", null, null));
        ParsedEvent reassigned = event("Task", "t1", 1, T0.plusSeconds(60), new TaskReassigned("t1", "anna", "boris"));
        ParsedEvent completed = event("Task", "t1", 2, T0.plusSeconds(120), new TaskCompleted("t1", "done"));
        history.store(created, reassigned, completed);
        kpis.applyBatch(List.of(created, completed, reassigned));

        assertThat(facts("t1")).extracting(f -> f.getString("type") + ":" + f.getString("managerId"))
                .containsExactly("TASK_COMPLETED:boris");
    }

    @Test
    void aDayAndItsMonthCountEachFactForItsManagerAndTheWonDealsCurrentAmount() {
        history.store(OPENED, HANDED, WON, REOPENED, LOST, AMOUNT);
        ParsedEvent call = event("Call", "k1", 0, T0.plusSeconds(7200), new CallLogged("k1", "c9", null,
                CallDirection.OUTBOUND, CallOutcome.CONNECTED, 125, null, T0));
        ParsedEvent rewon = event("Deal", "d1", 6, T0.plusSeconds(4 * 86_400 + 60),
                new DealStageMoved("d1", "GONE", "SIGNED", "p1", false, StageKind.WON, null, null));
        history.store(rewon);
        kpis.applyBatch(List.of(OPENED, call, WON));
        assertThat(totals("bucket:kpi:day:2026-03-03")).isEqualTo(new Document("dealsWon", new Document("=boris", "1"))
                .append("revenueWon", new Document("=boris|=EUR", "1000.00"))
                .append("wonWithAmount", new Document("=boris|=EUR", "1")));

        kpis.applyBatch(List.of(REOPENED, LOST, AMOUNT, rewon, call));

        // T0 is 2026-03-02T09:00Z: the call and the opening that day; the win withdrawn on 03-03; lost on 03-05 but
        // won again on 03-06 at the current amount
        assertThat(totals("bucket:kpi:day:2026-03-02")).isEqualTo(new Document("calls", new Document("=user-7", "1"))
                .append("connected", new Document("=user-7", "1"))
                .append("dealsOpened", new Document("=anna", "1"))
                .append("outbound", new Document("=user-7", "1"))
                .append("talkSeconds", new Document("=user-7", "125")));
        assertThat(byId(database, ManagerKpiProjection.COLLECTION, "bucket:kpi:day:2026-03-03")
                .get("totals", Document.class)).isEmpty();
        assertThat(totals("bucket:kpi:day:2026-03-06")).isEqualTo(new Document("dealsWon", new Document("=boris", "1"))
                .append("revenueWon", new Document("=boris|=USD", "1200.50"))
                .append("wonWithAmount", new Document("=boris|=USD", "1")));
        assertThat(totals("bucket:kpi:month:2026-03").get("dealsOpened")).isEqualTo(new Document("=anna", "1"));
        assertThat(totals("bucket:kpi:month:2026-03").get("revenueWon"))
                .isEqualTo(new Document("=boris|=USD", "1200.50"));
    }

    @Test
    void aDealIsAnsweredByTheFirstActivityAboutItsContactAtOrAfterItsOpeningForItsOpener() {
        // the contact's call before the opening answers nothing; the meeting an hour after it answers the deal
        ParsedEvent before = event("Call", "k1", 0, T0, new CallLogged("k1", "c1", null, CallDirection.OUTBOUND,
                CallOutcome.CONNECTED, 60, null, T0.minusSeconds(60)));
        ParsedEvent after = event("Meeting", "m1", 0, T0.plusSeconds(3600), new MeetingLogged("m1", "c1", null,
                T0.plusSeconds(3600), "kickoff", null));
        kpis.applyBatch(List.of(after, before));
        kpis.applyBatch(List.of(OPENED, after)); // the meeting was logged first: it still answers once

        Document day = totals("bucket:kpi:day:2026-03-02");
        assertThat(day.get("responseMillis")).isEqualTo(new Document("=anna", "3600000"));
        assertThat(day.get("responses")).isEqualTo(new Document("=anna", "1"));
        assertThat(day.get("foreignAnswers")).isNull();
        assertThat(byId(database, ManagerKpiProjection.COLLECTION, "resp:c1").getList("openings", Document.class))
                .extracting(opening -> opening.getString("dealId")).containsExactly("d1");
    }

    @Test
    void anActivityAboutTheDealButAnotherContactIsARowTheReportReconciles() {
        ParsedEvent other = event("Email", "e1", 0, T0.plusSeconds(600), new EmailLogged("e1", "c2", "d1",
                EmailDirection.OUTBOUND, "re: deal", T0.plusSeconds(600)));
        kpis.applyBatch(List.of(other, OPENED));

        Document day = totals("bucket:kpi:day:2026-03-02");
        assertThat(day.get("responses")).isNull(); // nothing about c1 itself
        assertThat(day.get("foreignAnswers")).isEqualTo(new Document(
                "=d1|=c1|=anna|=" + OPENED.occurredAt().toEpochMilli(), "600000"));
        assertThat(byId(database, ManagerKpiProjection.COLLECTION, "d1").getList("touches", Document.class))
                .extracting(touch -> touch.getString("contactId")).containsExactly("c2");
    }

    private Document totals(String bucket) {
        return byId(database, ManagerKpiProjection.COLLECTION, bucket).get("totals", Document.class);
    }

    private List<Document> facts(String id) {
        return byId(database, ManagerKpiProjection.COLLECTION, id).getList("facts", Document.class);
    }
}
