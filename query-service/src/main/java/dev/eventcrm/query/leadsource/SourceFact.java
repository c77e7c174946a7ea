package dev.eventcrm.query.leadsource;

import dev.eventcrm.query.mongo.Documents;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A {@code lead_source_facts} document as the report reads it (written by the projections' {@code LeadSourceFold}):
 * a contact, a deal or a source's month of spend.
 *
 * @param kind   CONTACT, DEAL or SPEND
 * @param at     when a contact was created or a deal opened
 * @param amount a deal's current amount or a month's spend; null without one
 * @param month  a spend's month, {@code YYYY-MM}
 */
record SourceFact(String id, String kind, String source, Instant at, String contactId, String mergedInto,
                  Instant wonAt, BigDecimal amount, String currency, String month) {

    static SourceFact from(Document document) {
        Document amount = document.get("amount", Document.class);
        boolean priced = amount != null && amount.getString("value") != null;
        return new SourceFact(document.getString("_id"), document.getString("kind"), document.getString("source"),
                Documents.instant(document, "at"), document.getString("contactId"),
                document.getString("mergedInto"), Documents.instant(document, "wonAt"),
                priced ? new BigDecimal(amount.getString("value")) : null,
                priced ? amount.getString("currency") : null, document.getString("month"));
    }
}
