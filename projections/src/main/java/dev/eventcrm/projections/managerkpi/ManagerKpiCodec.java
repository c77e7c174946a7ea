package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;

/**
 * A {@code manager_kpi_facts} document: the field names are the contract with query-service's managers report.
 * {@code dates} (every fact's instant) exists only for its index, so a date range finds its documents through it;
 * {@code contactId} and {@code dealId} let the report find the calls, meetings and e-mails about a new deal.
 */
public final class ManagerKpiCodec implements StateCodec<ManagerKpiFacts> {

    @Override
    public Document encode(ManagerKpiFacts state) {
        return new Document("managerId", state.managerId())
                .append("contactId", state.contactId())
                .append("dealId", state.dealId())
                .append("amount", state.amountValue() == null ? null
                        : new Document("value", state.amountValue()).append("currency", state.amountCurrency()))
                .append("facts", state.facts().stream().map(ManagerKpiCodec::encode).toList())
                .append("dates", state.facts().stream().map(fact -> date(fact.at())).toList());
    }

    private static Document encode(KpiFact fact) {
        Document document = new Document("type", fact.type().name()).append("managerId", fact.managerId())
                .append("at", date(fact.at()));
        if (fact.type() == KpiFactType.CALL) {
            document.append("outbound", fact.outbound()).append("connected", fact.connected())
                    .append("seconds", fact.seconds());
        }
        return document;
    }

    @Override
    public ManagerKpiFacts decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        List<KpiFact> facts = document.getList("facts", Document.class, List.of()).stream().map(f -> new KpiFact(
                KpiFactType.valueOf(f.getString("type")), f.getString("managerId"), f.get("at", Date.class).toInstant(),
                f.getBoolean("outbound", false), f.getBoolean("connected", false), f.getInteger("seconds", 0)))
                .toList();
        return new ManagerKpiFacts(id, document.getString("managerId"), document.getString("contactId"),
                document.getString("dealId"),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                facts);
    }
}
