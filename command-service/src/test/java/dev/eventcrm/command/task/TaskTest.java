package dev.eventcrm.command.task;

import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.command.nextstep.InMemoryNextSteps;
import dev.eventcrm.command.nextstep.NextStepRule;
import dev.eventcrm.command.owner.InMemoryOwnership;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class TaskTest {

    private static final Instant DUE = Instant.parse("2026-11-25T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-26T14:30:00Z");
    private static final TaskCreated CREATED = new TaskCreated("t1", TaskType.CALL, DUE, "m1", "c1", "d1",
            "ask about the fleet");
    private static final TaskCreated NEXT_STEP = new TaskCreated("t1", TaskType.CALL, DUE, "m1", null, "d1",
            "agree the pilot", true);

    private AggregateTestFixture<Task> fixture;
    private InMemoryAggregateLookup lookup;
    private InMemoryOwnership ownership;
    private InMemoryNextSteps nextSteps;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT).with("d1", AggregateLookup.DEAL);
        ownership = new InMemoryOwnership();
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource(lookup);
        nextSteps = new InMemoryNextSteps();
        fixture.registerInjectableResource(ownership);
        fixture.registerInjectableResource(nextSteps);
    }

    @Test
    void creatingATaskRecordsItRegistersItAndPutsItInTheAssigneesPortfolio() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", "c1", "d1", "ask about the fleet"))
                .expectEvents(CREATED);
        assertThat(lookup.registered()).containsEntry("t1", AggregateLookup.TASK);
        assertThat(ownership.records()).containsEntry("t1",
                new InMemoryOwnership.Owned(AggregateLookup.TASK, "m1", true));
    }

    @Test
    void aTaskMayNameOnlyAContactOrOnlyADeal() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.EMAIL, DUE, "m1", "c1", null, null))
                .expectEvents(new TaskCreated("t1", TaskType.EMAIL, DUE, "m1", "c1", null, null));
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t2", TaskType.MEETING, DUE, "m1", null, "d1", null))
                .expectEvents(new TaskCreated("t2", TaskType.MEETING, DUE, "m1", null, "d1", null));
    }

    @Test
    void aTaskAboutNothingIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.OTHER, DUE, "m1", null, null, null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("contactId")));
        assertThat(lookup.registered()).doesNotContainKey("t1");
        assertThat(ownership.records()).isEmpty();
    }

    @Test
    void anUnknownContactIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", "c404", "d1", null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-contact")),
                        hasProperty("field", equalTo("contactId"))));
        assertThat(ownership.records()).isEmpty();
    }

    @Test
    void anUnknownDealIsAFieldErrorAndAContactIdIsNotADealId() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", "c1", "c1", null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
    }

    @Test
    void reschedulingMovesTheDueTime() {
        fixture.given(CREATED)
                .when(new RescheduleTask("t1", LATER, 0L))
                .expectEvents(new TaskRescheduled("t1", DUE, LATER))
                .expectResultMessagePayload(1L);
    }

    @Test
    void reschedulingToTheSameTimeIsAConflict() {
        fixture.given(CREATED, new TaskRescheduled("t1", DUE, LATER))
                .when(new RescheduleTask("t1", LATER, null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("due-unchanged")),
                        hasProperty("field", equalTo(null))));
    }

    @Test
    void completingRecordsTheResultAndTakesTheTaskOutOfTheOpenPortfolio() {
        ownership.with("t1", AggregateLookup.TASK, "m1", true);
        fixture.given(CREATED)
                .when(new CompleteTask("t1", "demo booked", null))
                .expectEvents(new TaskCompleted("t1", "demo booked"))
                .expectResultMessagePayload(1L);
        assertThat(ownership.portfolio("m1", AggregateLookup.TASK, true, 10)).isEmpty();
        assertThat(ownership.portfolio("m1", AggregateLookup.TASK, false, 10)).containsExactly("t1");
    }

    @Test
    void cancellingRecordsTheReasonAndTakesTheTaskOutOfTheOpenPortfolio() {
        ownership.with("t1", AggregateLookup.TASK, "m1", true);
        fixture.given(CREATED)
                .when(new CancelTask("t1", null, null))
                .expectEvents(new TaskCancelled("t1", null));
        assertThat(ownership.records().get("t1").active()).isFalse();
    }

    @Test
    void reassigningMovesTheTaskToAnotherPortfolio() {
        ownership.with("t1", AggregateLookup.TASK, "m1", true);
        fixture.given(CREATED)
                .when(new ReassignTask("t1", "m2", null))
                .expectEvents(new TaskReassigned("t1", "m1", "m2"))
                .expectResultMessagePayload(1L);
        assertThat(ownership.records().get("t1").ownerId()).isEqualTo("m2");
    }

    @Test
    void reassigningToTheCurrentAssigneeIsAConflict() {
        fixture.given(CREATED)
                .when(new ReassignTask("t1", "m1", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("assignee-unchanged")));
    }

    @Test
    void aHandOverLeavesATaskThatChangedHandsMeanwhile() {
        fixture.given(CREATED, new TaskReassigned("t1", "m1", "m3"))
                .when(new ReassignTask("t1", "m2", "m1", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo(Task.ASSIGNEE_CHANGED)));
        fixture.given(CREATED)
                .when(new ReassignTask("t1", "m2", "m1", null))
                .expectEvents(new TaskReassigned("t1", "m1", "m2"));
    }

    @Test
    void aCompletedTaskCannotChangeAnyMore() {
        for (Object command : new Object[]{new RescheduleTask("t1", LATER, null), new CompleteTask("t1", "x", null),
                new CancelTask("t1", "x", null), new ReassignTask("t1", "m2", null)}) {
            fixture.given(CREATED, new TaskCompleted("t1", null))
                    .when(command)
                    .expectNoEvents()
                    .expectException(allOf(hasProperty("rule", equalTo(Task.CLOSED)),
                            hasProperty("field", equalTo(null))));
        }
    }

    @Test
    void aCancelledTaskCannotChangeAnyMore() {
        for (Object command : new Object[]{new RescheduleTask("t1", LATER, null), new CompleteTask("t1", null, null),
                new CancelTask("t1", null, null), new ReassignTask("t1", "m2", "m1", null)}) {
            fixture.given(CREATED, new TaskRescheduled("t1", DUE, LATER), new TaskCancelled("t1", "no longer needed"))
                    .when(command)
                    .expectNoEvents()
                    .expectException(hasProperty("rule", equalTo(Task.CLOSED)));
        }
    }

    @Test
    void everyUpdateRefusesAStaleIfMatch() {
        for (Object command : new Object[]{new RescheduleTask("t1", LATER, 0L), new CompleteTask("t1", null, 0L),
                new CancelTask("t1", null, 0L), new ReassignTask("t1", "m2", 0L)}) {
            fixture.given(CREATED, new TaskRescheduled("t1", DUE, LATER.plusSeconds(60)))
                    .when(command)
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }
    }

    @Test
    void aNextStepIsRecordedAsOneForAnOpenDeal() {
        nextSteps.with("d1", true, "t0");
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", null, "d1", "agree the pilot", true))
                .expectEvents(NEXT_STEP);
    }

    @Test
    void aNextStepNeedsADeal() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", "c1", null, null, true))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("next-step-without-deal")),
                        hasProperty("field", equalTo("dealId"))));
        assertThat(ownership.records()).isEmpty();
    }

    @Test
    void aWonOrLostDealTakesNoNextStep() {
        nextSteps.with("d1", false, null);
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", null, "d1", null, true))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo(NextStepRule.DEAL_NOT_OPEN)),
                        hasProperty("details", equalTo(Map.of("field", "dealId")))));
        assertThat(lookup.registered()).doesNotContainKey("t1");
    }

    @Test
    void aClosedDealStillTakesOrdinaryTasks() {
        nextSteps.with("d1", false, null);
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", null, "d1", null))
                .expectEvents(new TaskCreated("t1", TaskType.CALL, DUE, "m1", null, "d1", null));
    }

    @Test
    void aDealNotYetRecordedTakesNoNextStepUntilTheBackfillRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateTask("t1", TaskType.CALL, DUE, "m1", null, "d1", null, true))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo(NextStepRule.NOT_YET_RECORDED)));
    }

    @Test
    void cannotCompleteTheLastNextStepOfAnOpenDeal() {
        nextSteps.with("d1", true, "t1");
        fixture.given(NEXT_STEP)
                .when(new CompleteTask("t1", "done", null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo(NextStepRule.LAST_NEXT_STEP)),
                        hasProperty("field", equalTo(null)),
                        hasProperty("message", containsString(
                                "create the deal's next step first"))));
    }

    @Test
    void cannotCancelTheLastNextStepOfAnOpenDeal() {
        nextSteps.with("d1", true, "t1");
        fixture.given(NEXT_STEP)
                .when(new CancelTask("t1", "not needed", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo(NextStepRule.LAST_NEXT_STEP)));
    }

    @Test
    void aSupersededNextStepCanBeCompleted() {
        nextSteps.with("d1", true, "t2");
        fixture.given(NEXT_STEP)
                .when(new CompleteTask("t1", "superseded by t2", null))
                .expectEvents(new TaskCompleted("t1", "superseded by t2"));
    }

    @Test
    void theNextStepOfAWonOrLostDealCanBeCancelled() {
        nextSteps.with("d1", false, "t1");
        fixture.given(NEXT_STEP)
                .when(new CancelTask("t1", "deal won", null))
                .expectEvents(new TaskCancelled("t1", "deal won"));
    }

    @Test
    void anOrdinaryTaskOfAnOpenDealCanBeCompleted() {
        nextSteps.with("d1", true, "t1");
        fixture.given(CREATED)
                .when(new CompleteTask("t1", "done", null))
                .expectEvents(new TaskCompleted("t1", "done"));
    }
}
