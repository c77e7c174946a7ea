package dev.eventcrm.projections.invoice;

import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.List;

/** The invoices' fold: each invoice's own events shape its document. */
public final class InvoicesFold implements Fold<Invoice> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.INVOICE) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public Invoice empty(String documentId) {
        return Invoice.empty(documentId);
    }

    @Override
    public Invoice apply(Invoice i, ParsedEvent event) {
        Instant at = event.occurredAt();
        if (event.payload() instanceof InvoiceIssued issued) {
            return new Invoice(i.id(), issued.dealId(), issued.contactId(), issued.number(),
                    issued.amount().value().toPlainString(), issued.amount().currency(), issued.dueDate(),
                    Invoice.OPEN, null, at, null, at);
        }
        if (event.payload() instanceof InvoicePaid paid) {
            return new Invoice(i.id(), i.dealId(), i.contactId(), i.number(), i.amountValue(), i.amountCurrency(),
                    i.dueDate(), Invoice.PAID, paid.paidOn(), i.issuedAt(), at, at);
        }
        // an invoice event the read model shows nothing else of still marks the invoice as changed
        return new Invoice(i.id(), i.dealId(), i.contactId(), i.number(), i.amountValue(), i.amountCurrency(),
                i.dueDate(), i.status(), i.paidOn(), i.issuedAt(), i.paidAt(), at);
    }
}
