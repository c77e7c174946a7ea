package dev.eventcrm.query.deal;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** {@code deals} documents shaped as the projections module writes them. */
public final class DealFixtures {

    static final Instant OPENED_AT = Instant.parse("2026-11-22T20:11:25.123Z");
    static final Instant UPDATED_AT = Instant.parse("2026-11-23T08:00:00.000Z");

    private DealFixtures() {
    }

    public static Document deal(String id, String stage, String ownerId, long version) {
        return new Document("_id", id)
                .append("id", id)
                .append("title", "Deal " + id)
                .append("contactId", "contact-" + id)
                .append("pipelineId", "sales")
                .append("stage", stage)
                .append("ownerId", ownerId)
                .append("source", "web")
                .append("amount", new Document("value", "1500.00").append("currency", "EUR"))
                .append("expectedCloseDate", "2026-12-31")
                .append("status", "OPEN")
                .append("lossReason", null)
                .append("lossComment", null)
                .append("regressions", 1)
                .append("closedAt", null)
                .append("nextSteps", List.of(new Document("taskId", "task-" + id)
                        .append("createdAt", Date.from(OPENED_AT))))
                .append("nextStepTaskId", "task-" + id)
                .append("stageHistory", List.of(
                        new Document("stage", "LEAD").append("enteredAt", Date.from(OPENED_AT))
                                .append("exitedAt", Date.from(UPDATED_AT)),
                        new Document("stage", stage).append("enteredAt", Date.from(UPDATED_AT))
                                .append("exitedAt", null)))
                .append("callCount", 2)
                .append("lastCallOutcome", "CONNECTED")
                .append("lastCallAt", Date.from(UPDATED_AT))
                .append("applied", List.of(new Document("aggregateId", "call-1").append("sequence", 0L),
                        new Document("aggregateId", "call-2").append("sequence", 0L)))
                .append("openedAt", Date.from(OPENED_AT))
                .append("updatedAt", Date.from(UPDATED_AT))
                .append("version", version);
    }
}
