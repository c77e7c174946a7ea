package dev.eventcrm.query.invoice;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.eventcrm.query.deal.DealView;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * An {@code invoices} document as the API shows it: dates as ISO dates ({@code 2026-11-30}), times as ISO-8601 UTC
 * with milliseconds.
 *
 * @param status OPEN or PAID (an overdue invoice is an OPEN one past its due date)
 * @param paidOn the payment date as entered; null while open
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InvoiceView(String id, String dealId, String contactId, String number, DealView.Amount amount,
                          String dueDate, String status, String paidOn, String issuedAt, String paidAt,
                          String updatedAt, long version) {

    static InvoiceView from(Document doc) {
        Document amount = document(doc, "amount");
        return new InvoiceView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "dealId"),
                string(doc, "contactId"),
                string(doc, "number"),
                amount == null ? null : new DealView.Amount(string(amount, "value"), string(amount, "currency")),
                string(doc, "dueDate"),
                string(doc, "status"),
                string(doc, "paidOn"),
                isoDate(doc, "issuedAt"),
                isoDate(doc, "paidAt"),
                isoDate(doc, "updatedAt"),
                longValue(doc, "version", 0));
    }
}
