package dev.eventcrm.projections.leadsource;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The facts behind the lead sources report: one document per contact (its current source, creation, whether it was
 * merged into another), per deal (its own source, contact, opening, current win and amount) and per source's month
 * of spend in {@code lead_source_facts}. Per aggregate, not per source and day: a contact's source may change and a
 * deal's win be withdrawn, which per-day counters could follow only by knowing what they had counted; days are cut
 * in the installation's time zone at query time.
 */
public final class LeadSourceProjection {
    public static final String NAME = "lead-sources";
    public static final String COLLECTION = "lead_source_facts";
    public static final int VERSION = 1;

    private LeadSourceProjection() {
    }

    public static DocumentProjection<LeadSourceFact> create(MongoDatabase database, EventHistory history,
                                                            Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new LeadSourceFold(),
                new LeadSourceCodec(), history, timeout);
    }
}
