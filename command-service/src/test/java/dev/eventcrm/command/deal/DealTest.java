package dev.eventcrm.command.deal;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.command.lookup.TargetExists;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class DealTest {

    private static final Money AMOUNT = new Money(new BigDecimal("1500.00"), "EUR");
    private static final DealOpened OPENED =
            new DealOpened("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web", "default", "NEW");

    private AggregateTestFixture<Deal> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT);
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(lookup);
    }

    @Test
    void openingADealStartsItInTheFirstStageOfTheDefaultPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c1", "Fleet renewal", AMOUNT, "m1", "web"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED);
        assertThat(lookup.registered()).containsEntry("d1", AggregateLookup.DEAL);
    }

    @Test
    void aDealRequiresAnExistingContact() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("d1", "c404", "Fleet renewal", AMOUNT, "m1", "web"))
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
                    .when(new OpenDeal("d1", notAContact, "Fleet renewal", AMOUNT, "m1", "web"))
                    .expectNoEvents()
                    .expectException(hasProperty("rule", equalTo("unknown-contact")));
        }
    }

    @Test
    void movingADealRecordsBothStagesAndAnswersTheNewVersion() {
        fixture.given(OPENED)
                .when(new MoveDealStage("d1", "QUALIFIED", null))
                .expectEvents(new DealStageMoved("d1", "NEW", "QUALIFIED"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cannotMoveAClosedDeal() {
        fixture.given(OPENED, new DealStageMoved("d1", "NEW", "WON"))
                .when(new MoveDealStage("d1", "NEGOTIATION", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Deal d1 is closed in stage WON");
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
                .expectEvents(new DealStageMoved("d1", "QUALIFIED", "PROPOSAL"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void pipelineKnowsWhichStagesCloseADeal() {
        assertThat(Pipeline.DEFAULT.isClosed("WON")).isTrue();
        assertThat(Pipeline.DEFAULT.isClosed("NEGOTIATION")).isFalse();
    }
}
