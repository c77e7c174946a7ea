package dev.eventcrm.command.call;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class CallTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    private AggregateTestFixture<Call> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Call.class);
    }

    @Test
    void loggingACallRecordsItsOutcomeAndBusinessTime() {
        fixture.givenNoPriorActivity()
                .when(new LogCall("k1", "c1", "d1", CallDirection.OUTBOUND, CallOutcome.CONNECTED, 120, "demo", AT))
                .expectEvents(new CallLogged("k1", "c1", "d1", CallDirection.OUTBOUND, CallOutcome.CONNECTED, 120,
                        "demo", AT));
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
}
