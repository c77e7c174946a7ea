package dev.eventcrm.projections.invoice;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.time.LocalDate;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * An {@code invoices} document: the field names are the contract with query-service. {@code dueDate} and
 * {@code paidOn} are ISO date strings ({@code 2026-11-30}), as a deal's expected close date: BSON has no date
 * without a time, and the string sorts and compares as the date does (what "overdue" queries rely on).
 */
final class InvoiceCodec implements StateCodec<Invoice> {

    @Override
    public Document encode(Invoice invoice) {
        Document amount = invoice.amountValue() == null ? null
                : new Document("value", invoice.amountValue()).append("currency", invoice.amountCurrency());
        return new Document("id", invoice.id())
                .append("dealId", invoice.dealId())
                .append("contactId", invoice.contactId())
                .append("number", invoice.number())
                .append("amount", amount)
                .append("dueDate", text(invoice.dueDate()))
                .append("status", invoice.status())
                .append("paidOn", text(invoice.paidOn()))
                .append("issuedAt", date(invoice.issuedAt()))
                .append("paidAt", date(invoice.paidAt()))
                .append("updatedAt", date(invoice.updatedAt()));
    }

    @Override
    public Invoice decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        return new Invoice(id, document.getString("dealId"), document.getString("contactId"),
                document.getString("number"), amount == null ? null : amount.getString("value"),
                amount == null ? null : amount.getString("currency"), day(document.getString("dueDate")),
                document.getString("status"), day(document.getString("paidOn")), instant(document, "issuedAt"),
                instant(document, "paidAt"), instant(document, "updatedAt"));
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate day(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
