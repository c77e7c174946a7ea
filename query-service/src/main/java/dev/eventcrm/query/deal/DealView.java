package dev.eventcrm.query.deal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.documents;
import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.intValue;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * A {@code deals} document as the API shows it: without {@code _id} and the projection's bookkeeping ({@code applied}, {@code rev}). Nulls are written whatever
 * the application's Jackson inclusion default, since the field set is the API.
 *
 * @param expectedCloseDate ISO date ({@code 2026-12-31}) or null
 * @param status            {@code OPEN}, {@code WON} or {@code LOST}: the kind of the deal's stage
 * @param lossReason        with {@code lossComment}, given with the move into a LOST stage; null otherwise
 * @param regressions       how many moves went backward in the pipeline's order
 * @param closedAt          when the deal was won or lost; null while open
 * @param nextStepTaskId    the deal's current open next-step task; null when it has none (won or lost)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DealView(
        String id,
        String title,
        String contactId,
        String pipelineId,
        String stage,
        String ownerId,
        String source,
        Amount amount,
        String expectedCloseDate,
        String status,
        String lossReason,
        String lossComment,
        int regressions,
        String closedAt,
        String nextStepTaskId,
        List<StageVisit> stageHistory,
        int callCount,
        String lastCallOutcome,
        String lastCallAt,
        String openedAt,
        String updatedAt,
        long version) {

    /** {@code value} stays the decimal string the projection stored, so no precision is lost. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Amount(String value, String currency) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageVisit(String stage, String enteredAt, String exitedAt) {
    }

    public static DealView from(Document doc) {
        Document amount = document(doc, "amount");
        return new DealView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "title"),
                string(doc, "contactId"),
                string(doc, "pipelineId"),
                string(doc, "stage"),
                string(doc, "ownerId"),
                string(doc, "source"),
                amount == null ? null : new Amount(string(amount, "value"), string(amount, "currency")),
                string(doc, "expectedCloseDate"),
                string(doc, "status"),
                string(doc, "lossReason"),
                string(doc, "lossComment"),
                intValue(doc, "regressions", 0),
                isoDate(doc, "closedAt"),
                string(doc, "nextStepTaskId"),
                documents(doc, "stageHistory").stream()
                        .map(visit -> new StageVisit(string(visit, "stage"), isoDate(visit, "enteredAt"),
                                isoDate(visit, "exitedAt")))
                        .toList(),
                intValue(doc, "callCount", 0),
                string(doc, "lastCallOutcome"),
                isoDate(doc, "lastCallAt"),
                isoDate(doc, "openedAt"),
                isoDate(doc, "updatedAt"),
                longValue(doc, "version", 0));
    }
}
