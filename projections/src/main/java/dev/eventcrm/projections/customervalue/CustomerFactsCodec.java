package dev.eventcrm.projections.customervalue;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code customer_facts} document: the field names are the contract with query-service's segments report. */
final class CustomerFactsCodec implements StateCodec<CustomerFact> {

    @Override
    public Document encode(CustomerFact fact) {
        return new Document("kind", fact.kind() == null ? null : fact.kind().name())
                .append("contactId", fact.contactId())
                .append("status", fact.status() == null ? null : fact.status().name())
                .append("amount", fact.amountValue() == null ? null
                        : new Document("value", fact.amountValue()).append("currency", fact.amountCurrency()))
                .append("at", date(fact.at()))
                .append("wonAt", date(fact.wonAt()));
    }

    @Override
    public CustomerFact decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        String kind = document.getString("kind");
        String status = document.getString("status");
        return new CustomerFact(id, kind == null ? null : CustomerFact.Kind.valueOf(kind),
                document.getString("contactId"), status == null ? null : StageKind.valueOf(status),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                instant(document, "at"), instant(document, "wonAt"));
    }
}
