package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.time.LocalDate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code deal_facts} document. The reports read the buckets derived from these, not the documents themselves. */
final class DealFactsCodec implements StateCodec<DealFacts> {

    @Override
    public Document encode(DealFacts deal) {
        return new Document("pipelineId", deal.pipelineId())
                .append("stage", deal.stage())
                .append("status", deal.status() == null ? null : deal.status().name())
                .append("ownerId", deal.ownerId())
                .append("amount", deal.amountValue() == null ? null
                        : new Document("value", deal.amountValue()).append("currency", deal.amountCurrency()))
                .append("expectedCloseDate", deal.expectedCloseDate() == null ? null
                        : deal.expectedCloseDate().toString())
                .append("openedAt", date(deal.openedAt()))
                .append("wonAt", date(deal.wonAt()))
                .append("wonBy", deal.wonBy())
                .append("lostAt", date(deal.lostAt()))
                .append("moves", deal.moves().stream().map(move -> date(move)).toList());
    }

    @Override
    public DealFacts decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        String status = document.getString("status");
        String closeDate = document.getString("expectedCloseDate");
        return new DealFacts(id, document.getString("pipelineId"), document.getString("stage"),
                status == null ? null : StageKind.valueOf(status), document.getString("ownerId"),
                amount == null ? null : amount.getString("value"), amount == null ? null : amount.getString("currency"),
                closeDate == null ? null : LocalDate.parse(closeDate), instant(document, "openedAt"),
                instant(document, "wonAt"), document.getString("wonBy"), instant(document, "lostAt"),
                instants(document, "moves"));
    }

    private static List<Instant> instants(Document document, String field) {
        return document.getList(field, Date.class, List.of()).stream().map(Date::toInstant).toList();
    }
}
