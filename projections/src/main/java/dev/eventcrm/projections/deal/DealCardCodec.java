package dev.eventcrm.projections.deal;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.decodeCalls;
import static dev.eventcrm.projections.fold.Bson.encodeCalls;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * A {@code deals} document: the field names are the contract with query-service. {@code expectedCloseDate} is an
 * ISO date string ({@code 2026-12-31}): BSON has no date without a time, and the string sorts as the date does.
 */
final class DealCardCodec implements StateCodec<DealCard> {

    @Override
    public Document encode(DealCard deal) {
        List<Document> history = new ArrayList<>(deal.stageHistory().size());
        for (DealCard.StageVisit visit : deal.stageHistory()) {
            history.add(new Document("stage", visit.stage()).append("enteredAt", date(visit.enteredAt()))
                    .append("exitedAt", date(visit.exitedAt())));
        }
        Document amount = deal.amountValue() == null && deal.amountCurrency() == null ? null
                : new Document("value", deal.amountValue()).append("currency", deal.amountCurrency());
        Document document = new Document("id", deal.id())
                .append("title", deal.title())
                .append("contactId", deal.contactId())
                .append("pipelineId", deal.pipelineId())
                .append("stage", deal.stage())
                .append("ownerId", deal.ownerId())
                .append("source", deal.source())
                .append("amount", amount)
                .append("expectedCloseDate", deal.expectedCloseDate() == null ? null
                        : deal.expectedCloseDate().toString())
                .append("status", deal.status() == null ? null : deal.status().name())
                .append("lossReason", deal.lossReason())
                .append("lossComment", deal.lossComment())
                .append("regressions", deal.regressions())
                .append("closedAt", date(deal.closedAt()))
                .append("stageHistory", history)
                .append("openedAt", date(deal.openedAt()))
                .append("updatedAt", date(deal.updatedAt()))
                .append("nextSteps", deal.nextSteps().stream().map(step -> new Document("taskId", step.taskId())
                        .append("createdAt", date(step.createdAt()))).toList())
                .append("nextStepTaskId", deal.nextStepTaskId());
        return encodeCalls(document, deal.calls());
    }

    @Override
    public DealCard decode(String id, Document document) {
        Document amount = document.get("amount", Document.class);
        List<DealCard.StageVisit> history = new ArrayList<>();
        for (Document visit : document.getList("stageHistory", Document.class, List.of())) {
            history.add(new DealCard.StageVisit(visit.getString("stage"), instant(visit, "enteredAt"),
                    instant(visit, "exitedAt")));
        }
        List<DealCard.NextStep> nextSteps = new ArrayList<>();
        for (Document step : document.getList("nextSteps", Document.class, List.of())) {
            nextSteps.add(new DealCard.NextStep(step.getString("taskId"), instant(step, "createdAt")));
        }
        String expectedCloseDate = document.getString("expectedCloseDate");
        String status = document.getString("status");
        Number regressions = document.get("regressions", Number.class);
        return new DealCard(id, document.getString("title"), document.getString("contactId"),
                document.getString("pipelineId"), document.getString("stage"), document.getString("ownerId"),
                document.getString("source"), amount == null ? null : amount.getString("value"),
                amount == null ? null : amount.getString("currency"),
                expectedCloseDate == null ? null : LocalDate.parse(expectedCloseDate),
                status == null ? null : StageKind.valueOf(status), document.getString("lossReason"),
                document.getString("lossComment"), regressions == null ? 0 : regressions.intValue(),
                instant(document, "closedAt"), history, instant(document, "openedAt"), instant(document, "updatedAt"),
                decodeCalls(document), nextSteps);
    }
}
