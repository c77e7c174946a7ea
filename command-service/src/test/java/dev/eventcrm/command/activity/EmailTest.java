package dev.eventcrm.command.activity;

import dev.eventcrm.command.call.CallTime;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
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

class EmailTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant NOW = AT.plus(Duration.ofHours(1));
    private static final Duration SKEW = Duration.ofMinutes(5);

    private AggregateTestFixture<Email> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT).with("d1", AggregateLookup.DEAL);
        fixture = new AggregateTestFixture<>(Email.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(new CallTime(Clock.fixed(NOW, ZoneOffset.UTC), SKEW));
    }

    @Test
    void anEmailRecordsItsDirectionSubjectAndTime() {
        fixture.givenNoPriorActivity()
                .when(new LogEmail("e1", "c1", "d1", EmailDirection.INBOUND, "Re: offer", AT))
                .expectEvents(new EmailLogged("e1", "c1", "d1", EmailDirection.INBOUND, "Re: offer", AT));
        assertThat(lookup.registered()).containsEntry("e1", AggregateLookup.EMAIL);
    }

    @Test
    void anEmailRequiresAnExistingContactAndDeal() {
        fixture.givenNoPriorActivity()
                .when(new LogEmail("e1", "d1", null, EmailDirection.OUTBOUND, "Offer", AT))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-contact")),
                        hasProperty("field", equalTo("contactId"))));
        fixture.givenNoPriorActivity()
                .when(new LogEmail("e2", "c1", "d404", EmailDirection.OUTBOUND, "Offer", AT))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
        assertThat(lookup.registered()).doesNotContainKeys("e1", "e2");
    }

    @Test
    void anEmailCannotBeDatedInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new LogEmail("e1", "c1", null, EmailDirection.OUTBOUND, "Offer", NOW.plus(SKEW).plusMillis(1)))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("email-in-the-future")),
                        hasProperty("field", equalTo("occurredAt"))));
    }
}
