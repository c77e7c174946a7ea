package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.projections.fold.Bson;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;

/**
 * A {@code manager_kpi_facts} document other than a bucket. The report reads only the buckets ({@link KpiBuckets}) and
 * the {@code touches} of a contact's responses document, by id.
 */
public final class ManagerKpiCodec implements StateCodec<ManagerKpiFacts> {

    @Override
    public Document encode(ManagerKpiFacts state) {
        Document document = new Document("managerId", state.managerId())
                .append("contactId", state.contactId())
                .append("dealId", state.dealId())
                .append("amount", state.amountValue() == null ? null
                        : new Document("value", state.amountValue()).append("currency", state.amountCurrency()))
                .append("facts", state.facts().stream().map(ManagerKpiCodec::encode).toList());
        if (state.dueAt() != null) {
            document.append("dueAt", date(state.dueAt()));
        }
        if (state.closed()) {
            document.append("closed", true);
        }
        if (!state.openings().isEmpty()) {
            document.append("openings", state.openings().stream().map(opening -> new Document("dealId",
                    opening.dealId()).append("at", date(opening.at())).append("managerId", opening.managerId()))
                    .toList());
        }
        if (!state.touches().isEmpty()) {
            document.append("touches", state.touches().stream().map(touch -> new Document("at", date(touch.at()))
                    .append("contactId", touch.contactId())).toList());
        }
        return document;
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
        List<ManagerKpiFacts.Opening> openings = document.getList("openings", Document.class, List.of()).stream()
                .map(o -> new ManagerKpiFacts.Opening(o.getString("dealId"), o.get("at", Date.class).toInstant(),
                        o.getString("managerId"))).toList();
        List<ManagerKpiFacts.Touch> touches = document.getList("touches", Document.class, List.of()).stream()
                .map(t -> new ManagerKpiFacts.Touch(t.get("at", Date.class).toInstant(), t.getString("contactId")))
                .toList();
        return new ManagerKpiFacts(id, document.getString("managerId"), document.getString("contactId"),
                document.getString("dealId"),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                facts, openings, touches, Bson.instant(document, "dueAt"), document.getBoolean("closed", false));
    }
}
