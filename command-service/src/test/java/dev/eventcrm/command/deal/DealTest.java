package dev.eventcrm.command.deal;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.command.lookup.TargetExists;
import dev.eventcrm.events.Money;
import dev.eventcrm.command.pipeline.InMemoryPipelines;
import dev.eventcrm.command.pipeline.PipelineProperties;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.deal.DealTitleChanged;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import org.axonframework.modelling.command.AggregateNotFoundException;
import dev.eventcrm.command.owner.InMemoryOwnership;
import dev.eventcrm.command.nextstep.InMemoryNextSteps;
import dev.eventcrm.command.nextstep.NextSteps;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class DealTest {

    private static final Money AMOUNT = new Money(new BigDecimal("1500.00"), "EUR");
    private static final DealOpened OPENED =
            new DealOpened("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "default", "NEW");

    private static final LocalDate CLOSE_BY = LocalDate.of(2026, 12, 31);

    private final InMemoryOwnership ownership = new InMemoryOwnership();
    private final InMemoryNextSteps nextSteps = new InMemoryNextSteps();
    private AggregateTestFixture<Deal> fixture;
    private InMemoryAggregateLookup lookup;
    private InMemoryPipelines pipelines;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT);
        fixture = new AggregateTestFixture<>(Deal.class);
        pipelines = new InMemoryPipelines().with("default", DealStages.DEFAULT_STAGES).with("b2b", List.of(
                new PipelineStage("LEAD", "Lead", 5, StageKind.OPEN), new PipelineStage("DEMO", "Demo", 40,
                        StageKind.OPEN), new PipelineStage("SIGNED", "Signed", 100, StageKind.WON),
                new PipelineStage("DROPPED", "Dropped", 0, StageKind.LOST)));
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(pipelines);
        fixture.registerInjectableResource(ownership);
        fixture.registerInjectableResource(nextSteps);
        fixture.registerInjectableResource(new PipelineProperties(Duration.ofSeconds(5),
                List.of("price", "competitor")));
    }

    @Test
    void openingADealStartsItInTheFirstStageOfTheDefaultPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "default", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED);
        assertThat(lookup.registered()).containsEntry("d1", AggregateLookup.DEAL);
    }

    @Test
    void aDealRequiresAnExistingContact() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c404", "Fleet renewal", AMOUNT, "m1", "web", "default", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectException(hasProperty("field", equalTo("contactId")));
        assertThat(lookup.registered()).doesNotContainKey("d1");
    }

    @Test
    void aDealCommandMustTargetADeal() {
        fixture.registerCommandHandlerInterceptor(new TargetExists(lookup));
        fixture.givenNoPriorActivity()
                .when(new MoveDealStage("c1", "QUALIFIED", null))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aDealCannotBeOpenedForADealOrACall() {
        lookup.with("d0", AggregateLookup.DEAL).with("k0", AggregateLookup.CALL);
        for (String notAContact : new String[]{"d0", "k0"}) {
            fixture.givenNoPriorActivity()
                    .when(new OpenDeal("d1", notAContact, "Fleet renewal", AMOUNT, "m1", "web", "default", null))
                    .expectNoEvents()
                    .expectException(hasProperty("rule", equalTo("unknown-contact")));
        }
    }

    @Test
    void movingADealRecordsBothStagesAndAnswersTheNewVersion() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "QUALIFIED", null))
                .expectEvents(moved("NEW", "QUALIFIED", false, StageKind.OPEN))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cannotMoveAClosedDeal() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "WON"))
                .when(new MoveDealStage("d1", "NEGOTIATION", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectException(hasProperty("rule", equalTo("deal-closed")));
    }

    @Test
    void cannotMoveALostDealEither() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "LOST"))
                .when(new MoveDealStage("d1", "WON", null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void cannotMoveToTheStageTheDealIsAlreadyIn() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "PROPOSAL"))
                .when(new MoveDealStage("d1", "PROPOSAL", null))
                .expectNoEvents()
                .expectExceptionMessage("Deal d1 is already in stage PROPOSAL");
    }

    @Test
    void cannotMoveToAnUnknownStage() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "SIGNED", null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("stage")));
    }

    @Test
    void assigningANewOwnerRecordsThePreviousOne() {
        fixture.given(OPENED)
                .when(new AssignOwner("d1", "m2", null))
                .expectEvents(new DealOwnerAssigned("d1", "m1", "m2"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cannotAssignTheCurrentOwnerAgain() {
        fixture.given(OPENED, new DealOwnerAssigned("d1", "m1", "m2"))
                .when(new AssignOwner("d1", "m2", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Deal d1 is already owned by m2");
    }

    @Test
    void aStaleExpectedVersionIsRejected() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "QUALIFIED"))
                .when(new MoveDealStage("d1", "PROPOSAL", 0L))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }

    @Test
    void theCurrentExpectedVersionIsAccepted() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "QUALIFIED"))
                .when(new MoveDealStage("d1", "PROPOSAL", 1L))
                .expectEvents(moved("QUALIFIED", "PROPOSAL", false, StageKind.OPEN))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aDealOpensInTheFirstOpenStageOfTheChosenPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "b2b", CLOSE_BY))
                .expectEvents(new DealOpened("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "b2b", "LEAD",
                        CLOSE_BY));
        assertThat(pipelines.placeOfDeal()).containsEntry("d1", "b2b/LEAD");
    }

    @Test
    void cannotOpenADealInAnUnknownPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "nope", null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("pipelineId")));
    }

    @Test
    void aBackwardMoveIsRecordedAsARegression() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "PROPOSAL"))
                .when(new MoveDealStage("d1", "QUALIFIED", null))
                .expectEvents(moved("PROPOSAL", "QUALIFIED", true, StageKind.OPEN));
    }

    @Test
    void aLossWithoutAReasonRecordsUnspecified() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "LOST", null))
                .expectEvents(new DealStageMoved("d1", "NEW", "LOST", "default", false, StageKind.LOST,
                        "unspecified", null));
    }

    @Test
    void aLossRecordsItsConfiguredReasonAndComment() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "LOST", "competitor", "went with Acme", null))
                .expectEvents(new DealStageMoved("d1", "NEW", "LOST", "default", false, StageKind.LOST,
                        "competitor", "went with Acme"));
    }

    @Test
    void aLossReasonMustBeAConfiguredOne() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "LOST", "astrology", null, null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("lossReason")));
    }

    @Test
    void onlyALossTakesALossReason() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "WON", "price", null, null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("lossReason")));
    }

    @Test
    void winningMovesIntoTheWonStage() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "NEGOTIATION"))
                .when(new MoveDealStage("d1", "WON", null))
                .expectEvents(moved("NEGOTIATION", "WON", false, StageKind.WON));
    }

    @Test
    void aClosedDealReopensInTheStageAsked() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "LOST"))
                .when(new ReopenDeal("d1", "PROPOSAL", null))
                .expectEvents(new DealReopened("d1", "LOST", "PROPOSAL", "default"))
                .expectResultMessagePayload(2L);
        assertThat(pipelines.placeOfDeal()).containsEntry("d1", "default/PROPOSAL");
    }

    @Test
    void aReopenedDealCanMoveAgain() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "WON"), new DealReopened("d1", "WON", "NEW", "default"))
                .when(new MoveDealStage("d1", "QUALIFIED", null))
                .expectEvents(moved("NEW", "QUALIFIED", false, StageKind.OPEN));
    }

    @Test
    void cannotReopenAnOpenDeal() {
        fixture.given(OPENED)
                .when(new ReopenDeal("d1", null, null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("deal-open")));
    }

    @Test
    void aDealReopensOnlyInAnOpenStage() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "LOST"))
                .when(new ReopenDeal("d1", "WON", null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("stage")));
    }

    @Test
    void cannotMoveIntoAStageRemovedMeanwhile() {
        pipelines.with("default", List.of(new PipelineStage("NEW", "New", 10, StageKind.OPEN),
                new PipelineStage("WON", "Won", 100, StageKind.WON),
                new PipelineStage("LOST", "Lost", 0, StageKind.LOST)));
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "PROPOSAL", null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("stage")));
    }

    @Test
    void onlyTheChangedDetailsBecomeEvents() {
        fixture.given(OPENED)
                .when(new ChangeDealDetails("d1", "Fleet renewal", new BigDecimal("2000"), null, CLOSE_BY, false,
                        null))
                .expectEvents(new DealAmountChanged("d1", AMOUNT, new Money(new BigDecimal("2000"), "EUR")),
                        new DealExpectedCloseDateChanged("d1", null, CLOSE_BY))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aChangeOfScaleAloneIsNoChange() {
        fixture.given(OPENED)
                .when(new ChangeDealDetails("d1", null, new BigDecimal("1500"), "EUR", null, false, null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void theExpectedCloseDateCanBeCleared() {
        fixture.given(OPENED, new DealExpectedCloseDateChanged("d1", null, CLOSE_BY))
                .when(new ChangeDealDetails("d1", null, null, null, null, true, null))
                .expectEvents(new DealExpectedCloseDateChanged("d1", CLOSE_BY, null));
    }

    @Test
    void aTitleAndCurrencyChangeAreTwoEvents() {
        fixture.given(OPENED)
                .when(new ChangeDealDetails("d1", "Fleet renewal 2027", null, "USD", null, false, null))
                .expectEvents(new DealTitleChanged("d1", "Fleet renewal", "Fleet renewal 2027"),
                        new DealAmountChanged("d1", AMOUNT, new Money(new BigDecimal("1500.00"), "USD")));
    }

    @Test
    void aHandOverSkipsADealThatChangedHandsMeanwhile() {
        fixture.given(OPENED, new DealOwnerAssigned("d1", "m1", "m3"))
                .when(new AssignOwner("d1", "m2", "m1", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("owner-changed")));
    }

    @Test
    void theOpenPortfolioFollowsOpeningClosingReopeningAndHandOver() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "default", null));
        assertThat(ownership.portfolio("m1", AggregateLookup.DEAL, true, 10)).containsExactly("d1");
        fixture.given(OPENED).when(new MoveDealStage("d1", "WON", null));
        assertThat(ownership.portfolio("m1", AggregateLookup.DEAL, true, 10)).isEmpty();
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "WON")).when(new ReopenDeal("d1", null, null));
        assertThat(ownership.portfolio("m1", AggregateLookup.DEAL, true, 10)).containsExactly("d1");
        fixture.given(OPENED).when(new AssignOwner("d1", "m2", "m1", null))
                .expectEvents(new DealOwnerAssigned("d1", "m1", "m2"));
        assertThat(ownership.portfolio("m2", AggregateLookup.DEAL, true, 10)).containsExactly("d1");
    }

    @Test
    void theNextStepSlotFollowsOpeningClosingAndReopeningAndKeepsItsTask() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "default", null));
        assertThat(nextSteps.slots()).containsEntry("d1", new NextSteps.Slot("d1", true, null));
        nextSteps.current("d1", "t1");
        fixture.given(OPENED).when(new MoveDealStage("d1", "LOST", null));
        assertThat(nextSteps.slots()).containsEntry("d1", new NextSteps.Slot("d1", false, "t1"));
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "LOST")).when(new ReopenDeal("d1", null, null));
        assertThat(nextSteps.slots()).containsEntry("d1", new NextSteps.Slot("d1", true, "t1"));
    }

    private static DealStageMoved moved(String from, String to, boolean regression, StageKind kind) {
        return new DealStageMoved("d1", from, to, "default", regression, kind, null, null);
    }
}
