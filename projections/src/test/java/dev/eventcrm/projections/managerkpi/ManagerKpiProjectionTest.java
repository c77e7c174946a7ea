package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
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
        kpis = ManagerKpiProjection.create(database, history, TIMEOUT);
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
        assertThat(deal.getList("dates", Date.class)).containsExactly(Date.from(OPENED.occurredAt()),
                Date.from(LOST.occurredAt()));
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

    private List<Document> facts(String id) {
        return byId(database, ManagerKpiProjection.COLLECTION, id).getList("facts", Document.class);
    }
}
