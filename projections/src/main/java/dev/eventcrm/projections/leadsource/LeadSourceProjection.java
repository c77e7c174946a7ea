package dev.eventcrm.projections.leadsource;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.bucket.Buckets;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The facts behind the lead sources report: one document per contact (its current source, creation, whether it was
 * merged into another), per deal (its own source, contact, opening, current win and amount) and per source's month
 * of spend in {@code lead_source_facts}, and the report's day and month buckets ({@link SourceBuckets}) in the same
 * collection: a contact's new source or a deal's withdrawn win moves its share from the buckets of its previous state
 * to those of its new one. Days are cut in the installation's zone ({@code crm.users.default-time-zone}): changing it
 * requires rebuilding this projection ({@code deploy/bin/rebuild-projection.sh lead-sources}).
 */
public final class LeadSourceProjection {
    public static final String NAME = "lead-sources";
    public static final String COLLECTION = "lead_source_facts";
    /** 2: the report's buckets. */
    public static final int VERSION = 2;

    private LeadSourceProjection() {
    }

    public static DocumentProjection<LeadSourceFact> create(MongoDatabase database, EventHistory history, ZoneId zone,
                                                            Duration timeout) {
        SourceBuckets buckets = new SourceBuckets(zone);
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new LeadSourceFold(),
                new LeadSourceCodec(), history, timeout)
                .deriving(collection -> new Buckets<>(collection, buckets, timeout));
    }
}
