package dev.eventcrm.projections.leadsource;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * A {@code lead_source_facts} document: the field names are the contract with query-service's sources report, which
 * reads contacts and deals by {@code at} and spends by {@code month}.
 */
public final class LeadSourceCodec implements StateCodec<LeadSourceFact> {

    @Override
    public Document encode(LeadSourceFact fact) {
        return new Document("kind", fact.kind() == null ? null : fact.kind().name())
                .append("source", fact.source())
                .append("at", date(fact.at()))
                .append("contactId", fact.contactId())
                .append("mergedInto", fact.mergedInto())
                .append("wonAt", date(fact.wonAt()))
                .append("amount", fact.amountValue() == null ? null
                        : new Document("value", fact.amountValue()).append("currency", fact.amountCurrency()))
                .append("month", fact.month());
    }

    @Override
    public LeadSourceFact decode(String id, Document document) {
        String kind = document.getString("kind");
        Document amount = document.get("amount", Document.class);
        return new LeadSourceFact(id, kind == null ? null : LeadSourceKind.valueOf(kind), document.getString("source"),
                instant(document, "at"), document.getString("contactId"), document.getString("mergedInto"),
                instant(document, "wonAt"), amount == null ? null : amount.getString("value"),
                amount == null ? null : amount.getString("currency"), document.getString("month"));
    }
}
