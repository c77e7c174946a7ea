package dev.eventcrm.command.activity;

import dev.eventcrm.command.call.CallTime;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.activity.MeetingLogged;
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

class MeetingTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant NOW = AT.plus(Duration.ofHours(1));
    private static final Duration SKEW = Duration.ofMinutes(5);

    private AggregateTestFixture<Meeting> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT).with("d1", AggregateLookup.DEAL);
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(new CallTime(Clock.fixed(NOW, ZoneOffset.UTC), SKEW));
    }

    @Test
    void aMeetingRecordsItsDateSubjectAndResult() {
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m1", "c1", "d1", AT, "Demo", "pilot agreed"))
                .expectEvents(new MeetingLogged("m1", "c1", "d1", AT, "Demo", "pilot agreed"));
        assertThat(lookup.registered()).containsEntry("m1", AggregateLookup.MEETING);
    }

    @Test
    void aMeetingNeedNotConcernADeal() {
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m1", "c1", null, AT, "Intro", "call back in May"))
                .expectEvents(new MeetingLogged("m1", "c1", null, AT, "Intro", "call back in May"));
    }

    @Test
    void aMeetingRequiresAnExistingContact() {
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m1", "c404", null, AT, "Intro", "none"))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-contact")),
                        hasProperty("field", equalTo("contactId"))));
        assertThat(lookup.registered()).doesNotContainKey("m1");
    }

    @Test
    void aMeetingAboutADealRequiresAnExistingDeal() {
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m1", "c1", "c1", AT, "Intro", "none"))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
    }

    @Test
    void aMeetingCannotHappenInTheFutureBeyondTheClockSkew() {
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m1", "c1", null, NOW.plus(SKEW).plusSeconds(1), "Intro", "none"))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("meeting-in-the-future")),
                        hasProperty("field", equalTo("occurredAt"))));
        fixture.givenNoPriorActivity()
                .when(new LogMeeting("m2", "c1", null, NOW.plus(SKEW), "Intro", "none"))
                .expectSuccessfulHandlerExecution();
    }
}
