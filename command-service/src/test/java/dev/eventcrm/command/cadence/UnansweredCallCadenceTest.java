package dev.eventcrm.command.cadence;

import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.automation.TestAutomationCommands;
import dev.eventcrm.command.cadence.CadenceFacts.ContactFacts;
import dev.eventcrm.command.cadence.CadenceFacts.DealToLose;
import dev.eventcrm.command.cadence.CadenceFacts.UserFacts;
import dev.eventcrm.command.contact.ArchiveContact;
import dev.eventcrm.command.deal.MoveDealStage;
import dev.eventcrm.command.pipeline.PipelineProperties;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.user.UserProperties;
import dev.eventcrm.events.EventMetadata;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.events.user.WorkingHours;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.eventcrm.events.call.CallOutcome.BUSY;
import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.NO_ANSWER;
import static dev.eventcrm.events.call.CallOutcome.UNREACHABLE;
import static dev.eventcrm.events.call.CallOutcome.VOICEMAIL;
import static dev.eventcrm.events.call.CallOutcome.WRONG_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cadence for contact c1 of manager anna (Moscow, Mon-Fri 09:00-18:00); the client is in Moscow unless a test
 * moves them. Business time is the fixture's clock; 2026-11-23 is a Monday.
 */
class UnansweredCallCadenceTest {

    static final ZoneId KALININGRAD = ZoneId.of("Europe/Kaliningrad");
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");
    static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");
    static final WorkingHours OFFICE = new WorkingHours(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));
    static final CadenceProperties CADENCE = new CadenceProperties(
            List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1)),
            new CadenceProperties.ClientDay(LocalTime.of(9, 0), LocalTime.of(20, 0)),
            new CadenceProperties.WorkingHours(OFFICE.days(), LocalTime.of(9, 0), LocalTime.of(18, 0)));
    static final List<String> LOSS_REASONS = List.of("price", "unreachable");

    SagaTestFixture<UnansweredCallCadence> fixture;
    InMemoryCadenceFacts facts;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(UnansweredCallCadence.class);
        facts = new InMemoryCadenceFacts()
                .contact("c1", new ContactFacts("anna", MOSCOW, false))
                .user("anna", new UserFacts(MOSCOW, OFFICE));
        AutomationCommands commands = TestAutomationCommands.over(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build());
        fixture.registerResource(facts);
        fixture.registerResource(commands);
        fixture.registerResource(CADENCE);
        fixture.registerResource(new UserProperties("Europe/Moscow"));
        fixture.registerResource(new PipelineProperties(Duration.ofSeconds(5), LOSS_REASONS));
        fixture.givenCurrentTime(moscow("2026-11-23T08:00"));
    }

    @Test
    void theFirstMissIsFollowedUpTenMinutesLater() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T10:00"))
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-23T10:10", NO_ANSWER))
                .expectActiveSagas(1)
                .expectAssociationWith("contactId", "c1")
                .expectAssociationWith("taskId", "k1-followup-1");
    }

    @Test
    void theSecondMissIsFollowedUpAnHourLaterAndClosesTheFirstFollowUp() {
        fixture.givenAPublished(miss("k1", NO_ANSWER, "2026-11-23T10:00"))
                .whenPublishingA(miss("k2", BUSY, "2026-11-23T10:12"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-1", "call logged: BUSY", null),
                        followUp("k1", 2, "2026-11-23T11:12", BUSY))
                .expectNoAssociationWith("taskId", "k1-followup-1")
                .expectAssociationWith("taskId", "k1-followup-2");
    }

    @Test
    void theThirdMissIsFollowedUpThreeHoursLater() {
        fixture.givenAPublished(miss("k1", NO_ANSWER, "2026-11-23T10:00"))
                .andThenAPublished(miss("k2", BUSY, "2026-11-23T10:12"))
                .whenPublishingA(miss("k3", UNREACHABLE, "2026-11-23T11:15"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-2", "call logged: UNREACHABLE", null),
                        followUp("k1", 3, "2026-11-23T14:15", UNREACHABLE));
    }

    @Test
    void theFourthMissIsFollowedUpADayLater() {
        givenMisses(3)
                .whenPublishingA(miss("k4", NO_ANSWER, "2026-11-23T14:20"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-3", "call logged: NO_ANSWER", null),
                        followUp("k1", 4, "2026-11-24T14:20", NO_ANSWER));
    }

    @Test
    void theFifthMissArchivesTheContactAndLosesItsOpenDealsInTheirOwnPipelinesLostStage() {
        facts.deal("c1", new DealToLose("d1", "LOST")).deal("c1", new DealToLose("d2", "gone"));
        givenMisses(4)
                .whenPublishingA(miss("k5", BUSY, "2026-11-24T14:30"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-4", "call logged: BUSY", null),
                        new ArchiveContact("c1", "unreachable", null),
                        new MoveDealStage("d1", "LOST", "unreachable", "contact unreachable after 5 unanswered "
                                + "calls in a row", null),
                        new MoveDealStage("d2", "gone", "unreachable", "contact unreachable after 5 unanswered "
                                + "calls in a row", null))
                .expectActiveSagas(0);
    }

    @Test
    void theFifthMissDoesNotArchiveAContactArchivedMeanwhileAndLosesDealsUnspecifiedWhereUnreachableIsNoReason() {
        facts.contact("c1", new ContactFacts("anna", MOSCOW, true)).deal("c1", new DealToLose("d1", "LOST"));
        fixture.registerResource(new PipelineProperties(Duration.ofSeconds(5), List.of("price")));
        givenMisses(4)
                .whenPublishingA(miss("k5", BUSY, "2026-11-24T14:30"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-4", "call logged: BUSY", null),
                        new MoveDealStage("d1", "LOST", null, "contact unreachable after 5 unanswered calls in a "
                                + "row", null))
                .expectActiveSagas(0);
    }

    @Test
    void aConnectedCallResetsTheCountAndClosesTheOpenFollowUp() {
        givenMisses(3)
                .whenPublishingA(call("k4", CallDirection.INBOUND, CONNECTED, "2026-11-23T12:00"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-3", "call logged: CONNECTED", null))
                .expectActiveSagas(0);
    }

    @Test
    void afterAConnectedCallTheNextMissIsAFirstOneAgainWithAFollowUpOfItsOwn() {
        givenMisses(3)
                .andThenAPublished(call("k4", CallDirection.OUTBOUND, CONNECTED, "2026-11-23T12:00"))
                .whenPublishingA(miss("k5", NO_ANSWER, "2026-11-23T15:00"))
                .expectDispatchedCommands(followUp("k5", 1, "2026-11-23T15:10", NO_ANSWER));
    }

    @Test
    void voicemailsWrongNumbersAndInboundMissesNeitherCountNorReset() {
        givenMisses(2)
                .andThenAPublished(call("v1", CallDirection.OUTBOUND, VOICEMAIL, "2026-11-23T10:20"))
                .andThenAPublished(call("v2", CallDirection.OUTBOUND, WRONG_NUMBER, "2026-11-23T10:25"))
                .andThenAPublished(call("v3", CallDirection.INBOUND, NO_ANSWER, "2026-11-23T10:30"))
                .whenPublishingA(miss("k3", NO_ANSWER, "2026-11-23T11:00"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-2", "call logged: NO_ANSWER", null),
                        followUp("k1", 3, "2026-11-23T14:00", NO_ANSWER));
    }

    @Test
    void aCallThatIsNoMissStartsNoCadence() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(call("v1", CallDirection.INBOUND, BUSY, "2026-11-23T10:00"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aFollowUpCompletedByHandIsNotCompletedAgain() {
        fixture.givenAPublished(miss("k1", NO_ANSWER, "2026-11-23T10:00"))
                .andThenAPublished(new TaskCompleted("k1-followup-1", "called from the mobile app"))
                .whenPublishingA(miss("k2", NO_ANSWER, "2026-11-23T10:30"))
                .expectDispatchedCommands(followUp("k1", 2, "2026-11-23T11:30", NO_ANSWER));
    }

    @Test
    void aFollowUpCancelledByHandIsNotCompletedAgain() {
        fixture.givenAPublished(miss("k1", NO_ANSWER, "2026-11-23T10:00"))
                .andThenAPublished(new TaskCancelled("k1-followup-1", "not needed"))
                .whenPublishingA(call("k2", CallDirection.OUTBOUND, CONNECTED, "2026-11-23T10:30"))
                .expectNoDispatchedCommands();
    }

    @Test
    void everyCommandIsSentAsAutomationCausedByTheCall() {
        GenericDomainEventMessage<CallLogged> logged = new GenericDomainEventMessage<>("Call", "k1", 0,
                miss("k1", NO_ANSWER, "2026-11-23T10:00"),
                MetaData.with(EventMetadata.ACTOR_ID, "anna").and(EventMetadata.CORRELATION_ID, "corr-1"));
        fixture.givenNoPriorActivity().whenPublishingA(logged);
        List<CommandMessage<?>> sent = fixture.getCommandBus().getDispatchedCommands();
        assertThat(sent).singleElement().satisfies(command -> assertThat(command.getMetaData())
                .containsEntry(EventMetadata.CHANNEL, "AUTOMATION")
                .containsEntry(EventMetadata.ACTOR_ID, "automation")
                .containsEntry(EventMetadata.CAUSATION_ID, logged.getIdentifier())
                .containsEntry(EventMetadata.CORRELATION_ID, "corr-1"));
    }

    @Test
    void aFollowUpAfterTheManagersDayMovesToTheNextWorkingMorning() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T17:55"))
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-24T09:00", NO_ANSWER));
    }

    @Test
    void aFollowUpOnFridayEveningMovesOverTheManagersWeekend() {
        givenMisses(3)
                .whenPublishingA(miss("k4", NO_ANSWER, "2026-11-27T11:00"))
                .expectDispatchedCommands(new CompleteTask("k1-followup-3", "call logged: NO_ANSWER", null),
                        followUp("k1", 4, "2026-11-30T09:00", NO_ANSWER));
    }

    @Test
    void aMoscowManagersFollowUpForAVladivostokClientInsideTheirOverlapStays() {
        // 12:10 in Moscow is 19:10 in Vladivostok
        facts.contact("c1", new ContactFacts("anna", VLADIVOSTOK, false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T12:00"))
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-23T12:10", NO_ANSWER));
    }

    @Test
    void aMoscowManagersFollowUpForAVladivostokClientWaitsUntilBothDaysOverlap() {
        // 17:00 + 10 min in Moscow is past 00:00 in Vladivostok; they overlap 09:00-13:00 Moscow time
        facts.contact("c1", new ContactFacts("anna", VLADIVOSTOK, false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T17:00"))
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-24T09:00", NO_ANSWER));
    }

    @Test
    void aVladivostokManagersFollowUpForAKaliningradClientWaitsForTheClientsMorning() {
        facts.contact("c1", new ContactFacts("ivan", KALININGRAD, false)).user("ivan", new UserFacts(VLADIVOSTOK,
                OFFICE));
        // 10:00 in Vladivostok is 01:00 in Kaliningrad: the client's 09:00 is 17:00 in Vladivostok
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, at("2026-11-23T10:00", VLADIVOSTOK)))
                .expectDispatchedCommands(followUp("k1", 1, at("2026-11-23T17:00", VLADIVOSTOK), "ivan",
                        NO_ANSWER));
    }

    @Test
    void aKaliningradManagersFollowUpForAYekaterinburgClientStopsAtTheClientsEightPm() {
        facts.contact("c1", new ContactFacts("olga", YEKATERINBURG, false)).user("olga", new UserFacts(KALININGRAD,
                OFFICE));
        // 16:50 + 1 h in Kaliningrad is 20:50 in Yekaterinburg: the next morning in Kaliningrad
        fixture.givenAPublished(miss("k1", NO_ANSWER, at("2026-11-23T16:40", KALININGRAD)))
                .whenPublishingA(miss("k2", NO_ANSWER, at("2026-11-23T16:50", KALININGRAD)))
                .expectDispatchedCommands(new CompleteTask("k1-followup-1", "call logged: NO_ANSWER", null),
                        followUp("k1", 2, at("2026-11-24T09:00", KALININGRAD), "olga", NO_ANSWER));
    }

    @Test
    void aContactWithoutOwnerIsFollowedUpByTheCallerInTheCallersOwnHours() {
        facts.contact("c1", new ContactFacts(null, MOSCOW, false)).user("petr", new UserFacts(YEKATERINBURG,
                OFFICE));
        // 16:00 + 10 min in Moscow is 18:10 in Yekaterinburg, after the caller's day; the caller starts at 07:00
        // Moscow time, before the Moscow client's day
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T16:00"), Map.of(EventMetadata.ACTOR_ID, "petr"))
                .expectDispatchedCommands(followUp("k1", 1, at("2026-11-24T11:00", YEKATERINBURG), "petr",
                        NO_ANSWER));
    }

    @Test
    void anAssigneeUnknownToTheCommandSideWorksTheDefaultHoursInTheInstallationsZone() {
        facts.contact("c1", new ContactFacts("stranger", MOSCOW, false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-28T12:00")) // a Saturday
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-30T09:00", "stranger", NO_ANSWER));
    }

    @Test
    void aUserWithoutWorkingHoursWorksTheDefaultHoursInTheirOwnZone() {
        facts.contact("c1", new ContactFacts("nina", null, false)).user("nina", new UserFacts(VLADIVOSTOK, null));
        // 08:00 in Moscow is 15:00 in Vladivostok, inside the default 09:00-18:00 there; the client is in Moscow
        // (the installation's zone) and awake at 08:10
        fixture.givenNoPriorActivity()
                .whenPublishingA(miss("k1", NO_ANSWER, "2026-11-23T08:00"))
                .expectDispatchedCommands(followUp("k1", 1, "2026-11-23T09:00", "nina", NO_ANSWER));
    }

    private org.axonframework.test.saga.ContinuedGivenState givenMisses(int count) {
        String[] times = {"2026-11-23T10:00", "2026-11-23T10:12", "2026-11-23T11:15", "2026-11-23T14:20"};
        CallOutcome[] outcomes = {NO_ANSWER, BUSY, UNREACHABLE, NO_ANSWER};
        org.axonframework.test.saga.ContinuedGivenState given = fixture.givenAPublished(
                miss("k1", outcomes[0], times[0]));
        for (int i = 1; i < count; i++) {
            given = given.andThenAPublished(miss("k" + (i + 1), outcomes[i], times[i]));
        }
        return given;
    }

    private static CallLogged miss(String callId, CallOutcome outcome, String moscowTime) {
        return miss(callId, outcome, moscow(moscowTime));
    }

    private static CallLogged miss(String callId, CallOutcome outcome, Instant at) {
        return new CallLogged(callId, "c1", null, CallDirection.OUTBOUND, outcome, 0, null, at);
    }

    private static CallLogged call(String callId, CallDirection direction, CallOutcome outcome, String moscowTime) {
        return new CallLogged(callId, "c1", null, direction, outcome, 42, null, moscow(moscowTime));
    }

    private static CreateTask followUp(String streak, int n, String moscowDue, CallOutcome outcome) {
        return followUp(streak, n, moscow(moscowDue), "anna", outcome);
    }

    private static CreateTask followUp(String streak, int n, String moscowDue, String assignee,
                                       CallOutcome outcome) {
        return followUp(streak, n, moscow(moscowDue), assignee, outcome);
    }

    private static CreateTask followUp(String streak, int n, Instant due, String assignee, CallOutcome outcome) {
        return new CreateTask(streak + "-followup-" + n, TaskType.CALL, due, assignee, "c1", null,
                "Call again: unanswered call " + n + " in a row (" + outcome + ")");
    }

    private static Instant moscow(String localDateTime) {
        return at(localDateTime, MOSCOW);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
