package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.bucket.Buckets;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The facts behind the managers report: one document per call, meeting, e-mail, task and deal in
 * {@code manager_kpi_facts}, each fact an instant and the manager it counts for, one per contact with its deals'
 * openings and the activities about it ({@link ManagerKpiFold}), and the report's day and month buckets
 * ({@link KpiBuckets}) in the same collection: a document's change (a reopen withdraws a win) moves its share from
 * the buckets of its previous state to those of its new one. Days are cut in the installation's zone
 * ({@code crm.users.default-time-zone}): changing it requires rebuilding this projection
 * ({@code deploy/bin/rebuild-projection.sh manager-kpis}).
 */
public final class ManagerKpiProjection {
    public static final String NAME = "manager-kpis";
    public static final String COLLECTION = "manager_kpi_facts";
    /** 2: the report's buckets, and the documents first responses are found from. */
    public static final int VERSION = 2;

    private ManagerKpiProjection() {
    }

    public static DocumentProjection<ManagerKpiFacts> create(MongoDatabase database, EventHistory history,
                                                             ZoneId zone, Duration timeout) {
        KpiBuckets buckets = new KpiBuckets(zone);
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new ManagerKpiFold(),
                new ManagerKpiCodec(), history, timeout)
                .deriving(collection -> new Buckets<>(collection, buckets, timeout));
    }
}
