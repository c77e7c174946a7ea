package dev.eventcrm.query.funnel;

import java.time.Instant;
import java.util.List;

import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.documents;
import static dev.eventcrm.query.mongo.Documents.instant;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * One {@code deal_funnel} document (written by the projections' {@code DealFunnelFold}): what the report counts of a
 * deal of the cohort. {@code status}, a stay's {@code kind}: OPEN, WON or LOST.
 */
public record FunnelFacts(String id, Instant openedAt, String stage, String status, Instant closedAt,
                          String lossStage, String lossReason, String amountValue, String amountCurrency,
                          List<Stay> stays) {

    /** Every stay in one stage: the latest one's bounds ({@code exitedAt} null while in it) and the ended ones' sum. */
    public record Stay(String stage, String kind, Instant enteredAt, Instant exitedAt, long completedMillis) {
    }

    public static FunnelFacts from(Document doc) {
        Document amount = document(doc, "amount");
        return new FunnelFacts(string(doc, "_id"), instant(doc, "openedAt"), string(doc, "stage"),
                string(doc, "status"), instant(doc, "closedAt"), string(doc, "lossStage"), string(doc, "lossReason"),
                amount == null ? null : string(amount, "value"), amount == null ? null : string(amount, "currency"),
                documents(doc, "stays").stream().map(stay -> new Stay(string(stay, "stage"), string(stay, "kind"),
                        instant(stay, "enteredAt"), instant(stay, "exitedAt"),
                        longValue(stay, "completedMillis", 0))).toList());
    }
}
