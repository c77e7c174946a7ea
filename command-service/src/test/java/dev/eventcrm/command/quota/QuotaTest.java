package dev.eventcrm.command.quota;

import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.quota.QuotaSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.eventcrm.events.quota.QuotaMetric.CALLS;
import static dev.eventcrm.events.quota.QuotaMetric.REVENUE_WON;
import static dev.eventcrm.events.quota.QuotaPeriod.MONTH;
import static dev.eventcrm.events.quota.QuotaPeriod.QUARTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

class QuotaTest {
    private static final QuotaSet SET = new QuotaSet("q1", "anna", null, MONTH, REVENUE_WON,
            new BigDecimal("10000.00"), "EUR");

    private AggregateTestFixture<Quota> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("anna", AggregateLookup.USER);
        fixture = new AggregateTestFixture<>(Quota.class);
        fixture.registerInjectableResource(lookup);
    }

    @Test
    void aManagersQuotaIsSetAndRegistered() {
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q1", "anna", null, MONTH, REVENUE_WON, new BigDecimal("10000.00"), "EUR"))
                .expectEvents(SET);
        assertThat(lookup.registered()).containsEntry("q1", AggregateLookup.QUOTA);
    }

    @Test
    void aTeamsQuotaNeedsNoUser() {
        QuotaSet team = new QuotaSet("q2", null, "north", QUARTER, CALLS, new BigDecimal("300"), null);
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q2", null, "north", QUARTER, CALLS, new BigDecimal("300"), null))
                .expectEvents(team);
    }

    @Test
    void aChangedTargetIsANewVersionOfTheWholePlan() {
        fixture.given(SET)
                .when(new ChangeQuotaTarget("q1", new BigDecimal("12000"), null, 0L))
                .expectEvents(new QuotaSet("q1", "anna", null, MONTH, REVENUE_WON, new BigDecimal("12000"), "EUR"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theSameTargetStoresNothing() {
        fixture.given(SET)
                .when(new ChangeQuotaTarget("q1", new BigDecimal("10000"), "EUR", null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(SET, SET)
                .when(new ChangeQuotaTarget("q1", new BigDecimal("5"), null, 0L))
                .expectNoEvents()
                .expectException(instanceOf(StaleVersion.class));
    }

    @Test
    void exactlyOneSubject() {
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q3", "anna", "north", MONTH, CALLS, BigDecimal.TEN, null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("quota-subject")));
        assertThat(lookup.registered()).doesNotContainKey("q3");
    }

    @Test
    void anUnknownManagerIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q3", "nobody", null, MONTH, CALLS, BigDecimal.TEN, null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-user")),
                        hasProperty("field", equalTo("managerId"))));
    }

    @Test
    void revenueNeedsACurrencyAndCountsAreWholeWithout() {
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q3", "anna", null, MONTH, REVENUE_WON, BigDecimal.TEN, null))
                .expectException(hasProperty("field", equalTo("currency")));
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q3", "anna", null, MONTH, CALLS, BigDecimal.TEN, "EUR"))
                .expectException(hasProperty("field", equalTo("currency")));
        fixture.givenNoPriorActivity()
                .when(new SetQuota("q3", "anna", null, MONTH, CALLS, new BigDecimal("2.5"), null))
                .expectException(hasProperty("rule", equalTo("target-not-whole")));
        fixture.given(SET)
                .when(new ChangeQuotaTarget("q1", BigDecimal.ZERO, null, null))
                .expectException(hasProperty("rule", equalTo("target-not-positive")));
    }
}
