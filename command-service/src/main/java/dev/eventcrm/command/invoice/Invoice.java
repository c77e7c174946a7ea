package dev.eventcrm.command.invoice;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An invoice for a deal: issued once, with a number no other invoice has, then paid once. Its follow-up task is
 * automation's ({@link InvoiceFollowUp}).
 */
@Aggregate
public class Invoice {

    public static final String DUPLICATE_NUMBER = "duplicate-invoice-number";
    public static final String ALREADY_PAID = "invoice-already-paid";

    @AggregateIdentifier
    private String invoiceId;
    private boolean paid;

    protected Invoice() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** The invoice names the deal's contact as of now (a merged contact's survivor). */
    @CommandHandler
    public Invoice(IssueInvoice command, AggregateLookup lookup, RelatedRecords records, InvoiceNumbers numbers) {
        if (command.amount().value().compareTo(BigDecimal.ZERO) <= 0) {
            throw new RuleViolation("amount-not-positive", "amount.value", "an invoice is for a positive amount");
        }
        RelatedRecords.DealParties deal = records.deal(command.dealId()).orElseThrow(() -> new RuleViolation(
                "unknown-deal", "dealId", "no deal with id " + command.dealId()));
        String number = command.number().strip();
        numbers.claim(command.invoiceId(), number).ifPresent(holder -> {
            throw new RuleViolation(DUPLICATE_NUMBER, null, "Invoice " + holder + " already has number " + number,
                    Map.of("field", "number", "existingId", holder));
        });
        lookup.register(command.invoiceId(), AggregateLookup.INVOICE);
        apply(new InvoiceIssued(command.invoiceId(), command.dealId(), deal.contactId(), number, command.amount(),
                command.dueDate()));
    }

    /** Returns the invoice's version after the payment. */
    @CommandHandler
    public long handle(MarkInvoicePaid command) {
        StaleVersion.require(invoiceId, command.expectedVersion());
        if (paid) {
            throw new RuleViolation(ALREADY_PAID, "Invoice " + invoiceId + " is already paid");
        }
        apply(new InvoicePaid(invoiceId, command.paidOn()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(InvoiceIssued event) {
        invoiceId = event.invoiceId();
    }

    @EventSourcingHandler
    void on(InvoicePaid event) {
        paid = true;
    }
}
