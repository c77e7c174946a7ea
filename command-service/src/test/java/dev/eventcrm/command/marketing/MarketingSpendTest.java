package dev.eventcrm.command.marketing;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class MarketingSpendTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final String ID = RecordMarketingSpend.idOf("web", NOVEMBER);
    private static final MarketingSpendRecorded RECORDED = new MarketingSpendRecorded(ID, "web", NOVEMBER,
            eur("3000.00"));

    private AggregateTestFixture<MarketingSpend> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup();
        fixture = new AggregateTestFixture<>(MarketingSpend.class);
        fixture.registerInjectableResource(lookup);
    }

    @Test
    void theFirstRecordOfASourcesMonthCreatesItAndRegistersIt() {
        fixture.givenNoPriorActivity()
                .when(RecordMarketingSpend.of("web", NOVEMBER, eur("3000.00")))
                .expectEvents(RECORDED)
                .expectResultMessagePayload(new RecordMarketingSpend.Result(true, 0));
        assertThat(lookup.registered()).containsEntry(ID, AggregateLookup.MARKETING_SPEND);
    }

    @Test
    void recordingTheSameSourceAndMonthAgainReplacesTheAmountAndKeepsTheHistory() {
        fixture.given(RECORDED)
                .when(RecordMarketingSpend.of("web", NOVEMBER, eur("3250.50")))
                .expectEvents(new MarketingSpendRecorded(ID, "web", NOVEMBER, eur("3250.50")))
                .expectResultMessagePayload(new RecordMarketingSpend.Result(false, 1));
    }

    @Test
    void theSameAmountAgainStoresNothing() {
        fixture.given(RECORDED)
                .when(RecordMarketingSpend.of("web", NOVEMBER, eur("3000")))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordMarketingSpend.Result(false, 0));
    }

    @Test
    void anotherCurrencyIsAReplacement() {
        Money usd = new Money(new BigDecimal("3000.00"), "USD");
        fixture.given(RECORDED)
                .when(RecordMarketingSpend.of("web", NOVEMBER, usd))
                .expectEvents(new MarketingSpendRecorded(ID, "web", NOVEMBER, usd));
    }

    @Test
    void eachSourceAndMonthHasItsOwnId() {
        assertThat(RecordMarketingSpend.idOf("web", NOVEMBER)).isEqualTo(ID)
                .isNotEqualTo(RecordMarketingSpend.idOf("web", NOVEMBER.plusMonths(1)))
                .isNotEqualTo(RecordMarketingSpend.idOf("ads", NOVEMBER));
    }

    @Test
    void zeroIsASpend() {
        fixture.givenNoPriorActivity()
                .when(RecordMarketingSpend.of("web", NOVEMBER, eur("0")))
                .expectEvents(new MarketingSpendRecorded(ID, "web", NOVEMBER, eur("0")));
    }

    @Test
    void aNegativeAmountIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(RecordMarketingSpend.of("ads", NOVEMBER, eur("-1")))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("spend-negative")),
                        hasProperty("field", equalTo("amount.value"))));
        assertThat(lookup.registered()).doesNotContainKey(RecordMarketingSpend.idOf("ads", NOVEMBER));
    }

    @Test
    void aBlankSourceIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(RecordMarketingSpend.of(" ", NOVEMBER, eur("10")))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("source")));
    }

    private static Money eur(String value) {
        return new Money(new BigDecimal(value), "EUR");
    }
}
