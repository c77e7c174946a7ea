package dev.eventcrm.query.report;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** {@code deal_facts} documents as the projections' deal-facts fold writes them. */
final class DealFactFixtures {

    private DealFactFixtures() {
    }

    /** An open deal of the forecast; {@code closeDate} may be null. */
    static Document open(String id, String pipelineId, String stage, String ownerId, String amount, String currency,
                         String closeDate) {
        return new Document("_id", id).append("pipelineId", pipelineId).append("stage", stage)
                .append("status", "OPEN").append("ownerId", ownerId)
                .append("amount", new Document("value", amount).append("currency", currency))
                .append("expectedCloseDate", closeDate)
                .append("expectedCloseMonth", closeDate == null ? null : closeDate.substring(0, 7));
    }

    /** A deal of the forecast closed as {@code status} at {@code closedAt}. */
    static Document closed(String id, String pipelineId, String status, String ownerId, String amount,
                           String currency, String closeDate, Instant closedAt) {
        Document deal = open(id, pipelineId, status, ownerId, amount, currency, closeDate).append("status", status)
                .append(status.equals("WON") ? "wonAt" : "lostAt", Date.from(closedAt));
        return status.equals("WON") ? deal.append("wonBy", ownerId) : deal;
    }
}
