package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The facts behind the managers report: one document per call, meeting, e-mail, task and deal in
 * {@code manager_kpi_facts}, each fact an instant and the manager it counts for. Per aggregate, not per manager and
 * day: counters derived from facts stay right under redelivery and corrections (a reopen withdraws a win) with no
 * counter to undo, and days are cut in the installation's time zone at query time.
 */
public final class ManagerKpiProjection {
    public static final String NAME = "manager-kpis";
    public static final String COLLECTION = "manager_kpi_facts";
    public static final int VERSION = 1;

    private ManagerKpiProjection() {
    }

    public static DocumentProjection<ManagerKpiFacts> create(MongoDatabase database, EventHistory history,
                                                             Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new ManagerKpiFold(),
                new ManagerKpiCodec(), history, timeout);
    }
}
