package dev.eventcrm.projections.funnel;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * A {@code deal_funnel} document: the field names are the contract with query-service's funnel report. Public so that
 * query-service's tests can fold events into exactly the documents the report reads.
 */
public final class DealFunnelCodec implements StateCodec<DealFunnelFacts> {

    @Override
    public Document encode(DealFunnelFacts deal) {
        Document amount = deal.amountValue() == null && deal.amountCurrency() == null ? null
                : new Document("value", deal.amountValue()).append("currency", deal.amountCurrency());
        return new Document("id", deal.id())
                .append("pipelineId", deal.pipelineId())
                .append("openedAt", date(deal.openedAt()))
                .append("ownerAtOpening", deal.ownerAtOpening())
                .append("source", deal.source())
                .append("amount", amount)
                .append("stage", deal.stage())
                .append("status", deal.status() == null ? null : deal.status().name())
                .append("closedAt", date(deal.closedAt()))
                .append("lastOpenStage", deal.lastOpenStage())
                .append("lossStage", deal.lossStage())
                .append("lossReason", deal.lossReason())
                .append("stays", deal.stays().stream().map(stay -> new Document("stage", stay.stage())
                        .append("kind", stay.kind() == null ? null : stay.kind().name())
                        .append("enteredAt", date(stay.enteredAt()))
                        .append("exitedAt", date(stay.exitedAt()))
                        .append("completedMillis", stay.completedMillis())).toList());
    }

    @Override
    public DealFunnelFacts decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        List<DealFunnelFacts.StageStay> stays = document.getList("stays", Document.class, List.of()).stream()
                .map(stay -> new DealFunnelFacts.StageStay(stay.getString("stage"), kind(stay.getString("kind")),
                        instant(stay, "enteredAt"), instant(stay, "exitedAt"),
                        stay.get("completedMillis", Number.class).longValue()))
                .toList();
        return new DealFunnelFacts(id, document.getString("pipelineId"), instant(document, "openedAt"),
                document.getString("ownerAtOpening"), document.getString("source"),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                document.getString("stage"), kind(document.getString("status")), instant(document, "closedAt"),
                document.getString("lastOpenStage"), document.getString("lossStage"),
                document.getString("lossReason"), stays);
    }

    private static StageKind kind(String name) {
        return name == null ? null : StageKind.valueOf(name);
    }
}
