package dev.eventcrm.projections.deal;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealTitleChanged;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistoryException;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.testing.CountedCalls;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import java.util.Date;

import static dev.eventcrm.events.call.CallOutcome.BUSY;
import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.NO_ANSWER;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static dev.eventcrm.projections.testing.TestEvents.ownerAssigned;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DealBoardProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection board;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshBoard() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        board = DealBoardProjection.create(database, history, TIMEOUT);
        board.prepare();
    }

    private Document deal(String id) {
        return byId(database, DealBoardProjection.COLLECTION, id);
    }

    @Test
    void dealOpenedThenMovedKeepsStageHistory() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "1500.00", T0)));
        board.applyBatch(List.of(stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(60))));
        board.applyBatch(List.of(stageMoved("d1", 2, "QUALIFIED", "PROPOSAL", T0.plusSeconds(120))));

        Document deal = deal("d1");
        assertThat(deal.getString("id")).isEqualTo("d1");
        assertThat(deal.getString("title")).isEqualTo("Deal d1");
        assertThat(deal.getString("contactId")).isEqualTo("c1");
        assertThat(deal.getString("pipelineId")).isEqualTo("default");
        assertThat(deal.getString("stage")).isEqualTo("PROPOSAL");
        assertThat(deal.get("amount", Document.class))
                .isEqualTo(new Document("value", "1500.00").append("currency", "EUR"));
        assertThat(deal.getList("stageHistory", Document.class)).containsExactly(
                new Document("stage", "NEW").append("enteredAt", Date.from(T0))
                        .append("exitedAt", Date.from(T0.plusSeconds(60))),
                new Document("stage", "QUALIFIED").append("enteredAt", Date.from(T0.plusSeconds(60)))
                        .append("exitedAt", Date.from(T0.plusSeconds(120))),
                new Document("stage", "PROPOSAL").append("enteredAt", Date.from(T0.plusSeconds(120)))
                        .append("exitedAt", null));
        assertThat(deal.getDate("openedAt")).isEqualTo(Date.from(T0));
        assertThat(deal.getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(120)));
        assertThat(deal.getLong("version")).isEqualTo(2L);
        assertThat(deal.getInteger("callCount")).isZero();
        assertThat(CountedCalls.of(deal)).isEmpty();
        assertThat(deal.containsKey("lastCallOutcome")).isTrue();
        assertThat(deal.get("lastCallOutcome")).isNull();
    }

    @Test
    void ownerAssignmentReplacesTheOwner() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "10.50", T0)));
        board.applyBatch(List.of(ownerAssigned("d1", 1, "owner-1", "owner-2", T0.plusSeconds(5))));

        assertThat(deal("d1").getString("ownerId")).isEqualTo("owner-2");
        assertThat(deal("d1").getLong("version")).isEqualTo(1L);
    }

    @Test
    void anEventAtOrBelowTheStoredVersionChangesNothing() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "10.50", T0)));
        board.applyBatch(List.of(stageMoved("d1", 1, "NEW", "WON", T0.plusSeconds(5))));
        Document before = deal("d1");

        board.applyBatch(List.of(dealOpened("d1", "c1", "10.50", T0)));
        board.applyBatch(List.of(stageMoved("d1", 1, "NEW", "WON", T0.plusSeconds(5))));

        assertThat(deal("d1")).isEqualTo(before);
        assertThat(history.calls()).isZero();
    }

    @Test
    void callBeforeDealOpenedIsKeptWhenTheDealArrives() {
        board.applyBatch(List.of(callLogged("call-1", "c1", "d1", CONNECTED, T0.plusSeconds(30))));

        Document placeholder = deal("d1");
        assertThat(placeholder.getLong("version")).isEqualTo(-1L);
        assertThat(placeholder.getString("id")).isEqualTo("d1");
        assertThat(placeholder.get("title")).isNull();
        assertThat(placeholder.getInteger("callCount")).isEqualTo(1);

        board.applyBatch(List.of(dealOpened("d1", "c1", "99.00", T0)));

        Document deal = deal("d1");
        assertThat(deal.getLong("version")).isZero();
        assertThat(deal.getString("title")).isEqualTo("Deal d1");
        assertThat(deal.getString("stage")).isEqualTo("NEW");
        assertThat(deal.getInteger("callCount")).isEqualTo(1);
        assertThat(CountedCalls.of(deal)).containsExactly("call-1");
        assertThat(deal.getString("lastCallOutcome")).isEqualTo("CONNECTED");
        assertThat(deal.getDate("lastCallAt")).isEqualTo(Date.from(T0.plusSeconds(30)));
    }

    @Test
    void outOfOrderCallsKeepTheLatestOutcome() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "99.00", T0)));
        board.applyBatch(List.of(callLogged("call-late", "c1", "d1", CONNECTED, T0.plusSeconds(300))));
        board.applyBatch(List.of(callLogged("call-early", "c1", "d1", NO_ANSWER, T0.plusSeconds(100))));
        board.applyBatch(List.of(callLogged("call-middle", "c1", "d1", BUSY, T0.plusSeconds(200))));

        Document deal = deal("d1");
        assertThat(deal.getInteger("callCount")).isEqualTo(3);
        assertThat(deal.getString("lastCallOutcome")).isEqualTo("CONNECTED");
        assertThat(deal.getDate("lastCallAt")).isEqualTo(Date.from(T0.plusSeconds(300)));
    }

    @Test
    void aRedeliveredCallIsCountedOnce() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "99.00", T0)));
        board.applyBatch(List.of(callLogged("call-1", "c1", "d1", CONNECTED, T0.plusSeconds(10))));
        board.applyBatch(List.of(callLogged("call-1", "c1", "d1", CONNECTED, T0.plusSeconds(10))));

        assertThat(deal("d1").getInteger("callCount")).isEqualTo(1);
        assertThat(CountedCalls.of(deal("d1"))).containsExactly("call-1");
    }

    @Test
    void aCallAboutNoDealLeavesTheBoardAlone() {
        board.applyBatch(List.of(callLogged("call-1", "c1", null, CONNECTED, T0)));

        assertThat(MongoTestServer.all(database, DealBoardProjection.COLLECTION)).isEmpty();
    }

    @Test
    void gapIsHealedFromTheEventHistory() {
        var opened = dealOpened("d1", "c1", "1500.00", T0);
        var qualified = stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(60));
        var proposal = stageMoved("d1", 2, "QUALIFIED", "PROPOSAL", T0.plusSeconds(120));
        var owner = ownerAssigned("d1", 3, "owner-1", "owner-9", T0.plusSeconds(180));
        history.store(opened, qualified, proposal, owner);

        board.applyBatch(List.of(opened));
        board.applyBatch(List.of(owner)); // 1 and 2 were never delivered

        Document deal = deal("d1");
        assertThat(deal.getLong("version")).isEqualTo(3L);
        assertThat(deal.getString("stage")).isEqualTo("PROPOSAL");
        assertThat(deal.getString("ownerId")).isEqualTo("owner-9");
        assertThat(deal.getList("stageHistory", Document.class)).extracting(d -> d.getString("stage"))
                .containsExactly("NEW", "QUALIFIED", "PROPOSAL");
        assertThat(history.calls()).isEqualTo(1);

        board.applyBatch(List.of(qualified)); // the late delivery of a healed event is a duplicate
        assertThat(deal("d1")).isEqualTo(deal);
    }

    @Test
    void gapBeforeTheFirstEventIsHealedIntoTheCallPlaceholder() {
        var opened = dealOpened("d1", "c1", "5.00", T0);
        history.store(opened);
        board.applyBatch(List.of(callLogged("call-1", "c1", "d1", BUSY, T0.plusSeconds(30))));

        board.applyBatch(List.of(stageMoved("d1", 1, "NEW", "LOST", T0.plusSeconds(60))));

        Document deal = deal("d1");
        assertThat(deal.getLong("version")).isEqualTo(1L);
        assertThat(deal.getString("stage")).isEqualTo("LOST");
        assertThat(deal.getInteger("callCount")).isEqualTo(1);
    }

    @Test
    void aGapTheHistoryCannotFillIsNeverSkipped() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "5.00", T0)));
        Document before = deal("d1");

        assertThatThrownBy(() -> board.applyBatch(List.of(stageMoved("d1", 2, "QUALIFIED", "WON", T0.plusSeconds(60)))))
                .isInstanceOf(EventHistoryException.class);
        history.failNext(1);
        assertThatThrownBy(() -> board.applyBatch(List.of(stageMoved("d1", 2, "QUALIFIED", "WON", T0.plusSeconds(60)))))
                .isInstanceOf(EventHistoryException.class);

        assertThat(deal("d1")).isEqualTo(before);
        assertThat(history.calls()).isEqualTo(2);
        assertThat(before.getLong("version")).isZero();
    }

    // ---- custom pipelines ------------------------------------------------------------------------------------

    private static ParsedEvent dealEvent(long sequence, Record payload) {
        return event("Deal", "d1", sequence, T0.plusSeconds(sequence * 60), payload);
    }

    private static ParsedEvent move(long sequence, String from, String to, boolean regression, StageKind kind,
                                    String lossReason, String comment) {
        return dealEvent(sequence, new DealStageMoved("d1", from, to, "enterprise", regression, kind, lossReason,
                comment));
    }

    private static ParsedEvent openedInEnterprise() {
        return dealEvent(0, new DealOpened("d1", "c1", "Fleet", new Money(new BigDecimal("1500.00"), "EUR"), "owner-1",
                "web", "enterprise", "LEAD", LocalDate.parse("2026-12-31")));
    }

    private static Date at(long sequence) {
        return Date.from(T0.plusSeconds(sequence * 60));
    }

    @Test
    void aNewDealIsOpenWithItsExpectedCloseDateAndNoLoss() {
        board.applyBatch(List.of(openedInEnterprise()));

        Document deal = deal("d1");
        assertThat(deal.getString("pipelineId")).isEqualTo("enterprise");
        assertThat(deal.getString("stage")).isEqualTo("LEAD");
        assertThat(deal.getString("status")).isEqualTo("OPEN");
        assertThat(deal.getString("expectedCloseDate")).isEqualTo("2026-12-31");
        assertThat(deal.getInteger("regressions")).isZero();
        assertThat(deal).containsEntry("lossReason", null).containsEntry("lossComment", null)
                .containsEntry("closedAt", null);
    }

    @Test
    void aMoveIntoLostClosesTheDealWithItsReasonAndReopeningClearsThem() {
        board.applyBatch(List.of(openedInEnterprise(),
                move(1, "LEAD", "DEMO", false, StageKind.OPEN, null, null),
                move(2, "DEMO", "GONE", false, StageKind.LOST, "price", "went with a cheaper offer")));

        Document lost = deal("d1");
        assertThat(lost.getString("stage")).isEqualTo("GONE");
        assertThat(lost.getString("status")).isEqualTo("LOST");
        assertThat(lost.getString("lossReason")).isEqualTo("price");
        assertThat(lost.getString("lossComment")).isEqualTo("went with a cheaper offer");
        assertThat(lost.getDate("closedAt")).isEqualTo(at(2));

        board.applyBatch(List.of(dealEvent(3, new DealReopened("d1", "GONE", "DEMO", "enterprise"))));

        Document reopened = deal("d1");
        assertThat(reopened.getString("stage")).isEqualTo("DEMO");
        assertThat(reopened.getString("status")).isEqualTo("OPEN");
        assertThat(reopened).containsEntry("lossReason", null).containsEntry("lossComment", null)
                .containsEntry("closedAt", null);
        assertThat(reopened.getList("stageHistory", Document.class)).extracting(v -> v.getString("stage"))
                .containsExactly("LEAD", "DEMO", "GONE", "DEMO");
        assertThat(reopened.getList("stageHistory", Document.class).get(2).getDate("exitedAt")).isEqualTo(at(3));
        assertThat(reopened.getDate("updatedAt")).isEqualTo(at(3));
        assertThat(reopened.getLong("version")).isEqualTo(3L);
    }

    @Test
    void aMoveIntoWonClosesTheDealWithoutALossReason() {
        board.applyBatch(List.of(openedInEnterprise(),
                move(1, "LEAD", "SIGNED", false, StageKind.WON, null, "signed on site")));

        Document deal = deal("d1");
        assertThat(deal.getString("status")).isEqualTo("WON");
        assertThat(deal.getDate("closedAt")).isEqualTo(at(1));
        assertThat(deal).containsEntry("lossReason", null).containsEntry("lossComment", null);
    }

    @Test
    void regressionsCountTheBackwardMoves() {
        board.applyBatch(List.of(openedInEnterprise(),
                move(1, "LEAD", "DEMO", false, StageKind.OPEN, null, null),
                move(2, "DEMO", "LEAD", true, StageKind.OPEN, null, null),
                move(3, "LEAD", "DEMO", false, StageKind.OPEN, null, null),
                move(4, "DEMO", "LEAD", true, StageKind.OPEN, null, null)));

        assertThat(deal("d1").getInteger("regressions")).isEqualTo(2);
        assertThat(deal("d1").getList("stageHistory", Document.class)).hasSize(5);
    }

    @Test
    void titleAmountAndExpectedCloseDateChangesReplaceTheirFields() {
        board.applyBatch(List.of(openedInEnterprise(),
                dealEvent(1, new DealTitleChanged("d1", "Fleet", "Fleet renewal")),
                dealEvent(2, new DealAmountChanged("d1", new Money(new BigDecimal("1500.00"), "EUR"),
                        new Money(new BigDecimal("1750.50"), "USD"))),
                dealEvent(3, new DealExpectedCloseDateChanged("d1", LocalDate.parse("2026-12-31"),
                        LocalDate.parse("2027-01-15")))));

        Document deal = deal("d1");
        assertThat(deal.getString("title")).isEqualTo("Fleet renewal");
        assertThat(deal.get("amount", Document.class))
                .isEqualTo(new Document("value", "1750.50").append("currency", "USD"));
        assertThat(deal.getString("expectedCloseDate")).isEqualTo("2027-01-15");
        assertThat(deal.getDate("updatedAt")).isEqualTo(at(3));
        assertThat(deal.getString("stage")).isEqualTo("LEAD");

        board.applyBatch(List.of(dealEvent(4, new DealExpectedCloseDateChanged("d1", LocalDate.parse("2027-01-15"),
                null))));
        assertThat(deal("d1")).containsEntry("expectedCloseDate", null);
    }

    @Test
    void aMoveStoredBeforeCustomPipelinesTakesItsKindFromTheDefaultPipeline() {
        board.applyBatch(List.of(dealOpened("d1", "c1", "10.00", T0),
                stageMoved("d1", 1, "NEW", "LOST", T0.plusSeconds(60))));

        Document lost = deal("d1");
        assertThat(lost.getString("pipelineId")).isEqualTo("default");
        assertThat(lost.getString("status")).isEqualTo("LOST");
        assertThat(lost.getDate("closedAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
        assertThat(lost).containsEntry("lossReason", null).containsEntry("expectedCloseDate", null);
        assertThat(lost.getInteger("regressions")).isZero();

        board.applyBatch(List.of(stageMoved("d1", 2, "LOST", "QUALIFIED", T0.plusSeconds(120))));
        assertThat(deal("d1").getString("status")).isEqualTo("OPEN");
        assertThat(deal("d1")).containsEntry("closedAt", null);
    }

    private static ParsedEvent nextStep(String taskId, String dealId, Instant at) {
        return event(ParsedEvent.TASK, taskId, 0, at, new TaskCreated(taskId, TaskType.OTHER, at.plusSeconds(86400),
                "m1", null, dealId, "Plan the next step", true));
    }

    @Test
    void aDealShowsItsCurrentNextStepAndNoneOnceItIsClosed() {
        ParsedEvent first = nextStep("t1", "d1", T0);
        ParsedEvent second = nextStep("t2", "d1", T0.plusSeconds(60));
        ParsedEvent superseded = event(ParsedEvent.TASK, "t1", 1, T0.plusSeconds(60),
                new TaskCompleted("t1", "superseded by t2"));
        ParsedEvent ordinary = event(ParsedEvent.TASK, "t3", 0, T0, new TaskCreated("t3", TaskType.CALL, T0, "m1",
                null, "d1", null));
        board.applyBatch(List.of(dealOpened("d1", "c1", "1500.00", T0), first, ordinary));
        assertThat(deal("d1").getString("nextStepTaskId")).isEqualTo("t1");

        board.applyBatch(List.of(second, superseded));
        assertThat(deal("d1").getString("nextStepTaskId")).isEqualTo("t2");
        assertThat(deal("d1").getList("nextSteps", Document.class)).hasSize(1);
        assertThat(deal("d1").get("updatedAt", Date.class)).as("a task is not a change of the deal")
                .isEqualTo(Date.from(T0));

        board.applyBatch(List.of(stageMoved("d1", 1, "NEW", "WON", T0.plusSeconds(120)),
                event(ParsedEvent.TASK, "t2", 1, T0.plusSeconds(120), new TaskCancelled("t2", "deal won"))));
        assertThat(deal("d1").getString("nextStepTaskId")).isNull();
        assertThat(deal("d1").getList("nextSteps", Document.class)).isEmpty();
    }

    @Test
    void theNextStepIsRightWhateverTheOrderAndRedeliveryOfTheDealsAndTasksEvents() {
        ParsedEvent opened = dealOpened("d1", "c1", "1500.00", T0);
        ParsedEvent first = nextStep("t1", "d1", T0);
        ParsedEvent rescheduled = event(ParsedEvent.TASK, "t1", 1, T0.plusSeconds(30),
                new TaskRescheduled("t1", T0.plusSeconds(86400), T0.plusSeconds(90000)));
        ParsedEvent superseded = event(ParsedEvent.TASK, "t1", 2, T0.plusSeconds(60),
                new TaskCompleted("t1", "superseded by t2"));
        ParsedEvent second = nextStep("t2", "d1", T0.plusSeconds(60));
        history.store(opened, first, rescheduled, superseded, second);

        // the superseded task's completion first (its creation and reschedule healed from the history), the new
        // next step next, the deal's opening last, and everything again
        board.applyBatch(List.of(superseded));
        board.applyBatch(List.of(second, first));
        board.applyBatch(List.of(opened));
        board.applyBatch(List.of(opened, first, rescheduled, superseded, second));

        Document deal = deal("d1");
        assertThat(deal.getString("nextStepTaskId")).isEqualTo("t2");
        assertThat(deal.getList("nextSteps", Document.class)).extracting(step -> step.getString("taskId"))
                .containsExactly("t2");
        assertThat(deal.getString("status")).isEqualTo("OPEN");
    }

    @Test
    void aNextStepsDealIsReadFromTheHistoryWhenItsCreationWasNotSeen() {
        ParsedEvent first = nextStep("t1", "d1", T0);
        history.store(first);
        board.applyBatch(List.of(dealOpened("d1", "c1", "1500.00", T0), first));
        Projection restarted = DealBoardProjection.create(database, history, TIMEOUT);

        restarted.applyBatch(List.of(event(ParsedEvent.TASK, "t1", 1, T0.plusSeconds(60),
                new TaskCancelled("t1", "deal lost"))));

        assertThat(deal("d1").getString("nextStepTaskId")).isNull();
    }
}
