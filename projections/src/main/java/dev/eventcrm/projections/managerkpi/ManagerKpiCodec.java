package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;

/**
 * A {@code manager_kpi_facts} document: a call's, meeting's, e-mail's, task's or deal's facts (and a deal's
 * withdrawn outcomes), or a responses document's {@code openings} and {@code touches}. The report reads only the
 * day buckets derived from them ({@link DailyKpis}).
 */
public final class ManagerKpiCodec implements StateCodec<ManagerKpiFacts> {

    @Override
    public Document encode(ManagerKpiFacts state) {
        if (Responses.isResponses(state.id())) {
            return new Document("openings", state.responses().openings().stream().map(opening ->
                            new Document("dealId", opening.dealId()).append("contactId", opening.contactId())
                                    .append("openerId", opening.openerId()).append("at", date(opening.at())))
                    .toList())
                    .append("touches", state.responses().touches().stream().map(touch ->
                            new Document("at", date(touch.at())).append("contactId", touch.contactId())
                                    .append("dealId", touch.dealId())).toList());
        }
        return new Document("managerId", state.managerId())
                .append("contactId", state.contactId())
                .append("dealId", state.dealId())
                .append("amount", state.amountValue() == null ? null
                        : new Document("value", state.amountValue()).append("currency", state.amountCurrency()))
                .append("facts", state.facts().stream().map(ManagerKpiCodec::encode).toList())
                .append("withdrawn", state.withdrawn().stream().map(ManagerKpiCodec::encode).toList());
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
        if (Responses.isResponses(id)) {
            return ManagerKpiFacts.empty(id).withResponses(new Responses(
                    document.getList("openings", Document.class, List.of()).stream().map(o -> new Responses.Opening(
                            o.getString("dealId"), o.getString("contactId"), o.getString("openerId"),
                            o.get("at", Date.class).toInstant())).toList(),
                    document.getList("touches", Document.class, List.of()).stream().map(t -> new Responses.Touch(
                            t.get("at", Date.class).toInstant(), t.getString("contactId"), t.getString("dealId")))
                            .toList()));
        }
        Document amount = document.get("amount", Document.class);
        return new ManagerKpiFacts(id, document.getString("managerId"), document.getString("contactId"),
                document.getString("dealId"),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                facts(document, "facts"), facts(document, "withdrawn"), Responses.NONE);
    }

    private static List<KpiFact> facts(Document document, String field) {
        return document.getList(field, Document.class, List.of()).stream().map(f -> new KpiFact(
                KpiFactType.valueOf(f.getString("type")), f.getString("managerId"), f.get("at", Date.class).toInstant(),
                f.getBoolean("outbound", false), f.getBoolean("connected", false), f.getInteger("seconds", 0)))
                .toList();
    }
}
