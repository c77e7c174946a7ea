package dev.eventcrm.command.call;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class CallTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant NOW = AT.plus(Duration.ofHours(1));
    private static final Duration SKEW = Duration.ofMinutes(5);

    private AggregateTestFixture<Call> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT).with("d1", AggregateLookup.DEAL);
        fixture = new AggregateTestFixture<>(Call.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(new CallTime(Clock.fixed(NOW, ZoneOffset.UTC), SKEW));
    }

    @Test
    void loggingACallRecordsItsOutcomeAndBusinessTime() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", "d1", CallDirection.OUTBOUND, CallOutcome.CONNECTED, 120, "demo", AT))
                .expectEvents(new CallLogged("k1", "c1", "d1", CallDirection.OUTBOUND, CallOutcome.CONNECTED, 120,
                        "demo", AT));
        assertThat(lookup.registered()).containsEntry("k1", AggregateLookup.CALL);
    }

    @Test
    void aCallNeedNotConcernADeal() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", null, CallDirection.INBOUND, CallOutcome.NO_ANSWER, 0, null, AT))
                .expectEvents(new CallLogged("k1", "c1", null, CallDirection.INBOUND, CallOutcome.NO_ANSWER, 0,
                        null, AT));
    }

    @Test
    void cannotLogANegativeDuration() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", null, CallDirection.OUTBOUND, CallOutcome.BUSY, -5, null, AT))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aCallRequiresAnExistingContact() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c404", null, CallDirection.OUTBOUND, CallOutcome.BUSY, 0, null, AT))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-contact")),
                        hasProperty("field", equalTo("contactId"))));
        assertThat(lookup.registered()).doesNotContainKey("k1");
    }

    @Test
    void aCallAboutADealRequiresAnExistingDeal() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", "d404", CallDirection.OUTBOUND, CallOutcome.BUSY, 0, null, AT))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
    }

    @Test
    void aContactIdIsNotADealId() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", "c1", CallDirection.OUTBOUND, CallOutcome.BUSY, 0, null, AT))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("unknown-deal")));
    }

    @Test
    void aCallCannotHappenInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", null, CallDirection.OUTBOUND, CallOutcome.BUSY, 0, null,
                        NOW.plus(SKEW).plusSeconds(1)))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("call-in-the-future")),
                        hasProperty("field", equalTo("occurredAt"))));
    }

    @Test
    void aCallWithinTheClockSkewIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", null, CallDirection.OUTBOUND, CallOutcome.BUSY, 0, null,
                        NOW.plus(SKEW)))
                .expectSuccessfulHandlerExecution();
    }
}
