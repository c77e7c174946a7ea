package dev.eventcrm.query.funnel;

import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * One {@code deal_funnel} document as {@link FunnelTable} keeps it: what a cohort is selected by (pipeline, opening,
 * owner at opening, source), the facts it counts, and the deal's {@code version} (the last sequence of the deal's
 * events the projection applied), which tells a document that shows a change from one that does not yet.
 */
record FunnelDeal(String pipelineId, String ownerAtOpening, String source, long version, FunnelFacts facts) {

    static FunnelDeal from(Document doc) {
        return new FunnelDeal(string(doc, "pipelineId"), string(doc, "ownerAtOpening"), string(doc, "source"),
                longValue(doc, "version", -1), FunnelFacts.from(doc));
    }

    String id() {
        return facts.id();
    }

    /** Whether the deal was opened in [from, to), by {@code ownerId} and from {@code source} where those are given. */
    boolean opened(long from, long to, String ownerId, String source) {
        if (facts.openedAt() == null) {
            return false;
        }
        long at = facts.openedAt().toEpochMilli();
        return at >= from && at < to && (ownerId == null || ownerId.equals(ownerAtOpening))
                && (source == null || source.equals(this.source));
    }
}
