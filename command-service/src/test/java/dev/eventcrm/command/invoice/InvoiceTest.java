package dev.eventcrm.command.invoice;

import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.nullValue;

class InvoiceTest {

    private static final Money AMOUNT = new Money(new BigDecimal("1500.00"), "EUR");
    private static final LocalDate DUE = LocalDate.parse("2026-11-30");
    private static final InvoiceIssued ISSUED = new InvoiceIssued("i1", "d1", "c1", "INV-7", AMOUNT, DUE);

    private AggregateTestFixture<Invoice> fixture;
    private InMemoryAggregateLookup lookup;
    private InMemoryInvoiceNumbers numbers;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup();
        numbers = new InMemoryInvoiceNumbers();
        fixture = new AggregateTestFixture<>(Invoice.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(numbers);
        fixture.registerInjectableResource(new InMemoryRelatedRecords().deal("d1", "c1", "m1"));
    }

    @Test
    void issuingAnInvoiceNamesTheDealsContactAndRegistersItsNumber() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("i1", "d1", " INV-7 ", AMOUNT, DUE))
                .expectEvents(ISSUED);
        assertThat(lookup.registered()).containsEntry("i1", AggregateLookup.INVOICE);
        assertThat(numbers.claimed()).containsEntry("INV-7", "i1");
    }

    @Test
    void anUnknownDealIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("i1", "d404", "INV-7", AMOUNT, DUE))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
        assertThat(lookup.registered()).isEmpty();
    }

    @Test
    void aNumberAnotherInvoiceHasIsAConflictNamingTheFieldAndThatInvoice() {
        numbers.with("inv-7", "i0");
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("i1", "d1", "INV-7", AMOUNT, DUE))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo(Invoice.DUPLICATE_NUMBER)),
                        hasProperty("field", nullValue()),
                        hasProperty("details", equalTo(Map.of("field", "number", "existingId", "i0")))));
    }

    @Test
    void anAmountOfZeroIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("i1", "d1", "INV-7", new Money(BigDecimal.ZERO, "EUR"), DUE))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("amount-not-positive")),
                        hasProperty("field", equalTo("amount.value"))));
        assertThat(numbers.claimed()).isEmpty();
    }

    @Test
    void payingRecordsTheDateAndAnswersTheVersion() {
        fixture.given(ISSUED)
                .when(new MarkInvoicePaid("i1", LocalDate.parse("2026-11-28"), 0L))
                .expectEvents(new InvoicePaid("i1", LocalDate.parse("2026-11-28")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void payingTwiceIsAConflict() {
        fixture.given(ISSUED, new InvoicePaid("i1", LocalDate.parse("2026-11-28")))
                .when(new MarkInvoicePaid("i1", LocalDate.parse("2026-11-29"), null))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo(Invoice.ALREADY_PAID)),
                        hasProperty("field", nullValue())));
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(ISSUED)
                .when(new MarkInvoicePaid("i1", LocalDate.parse("2026-11-28"), 3L))
                .expectNoEvents()
                .expectException(instanceOf(StaleVersion.class));
    }
}
