package dev.eventcrm.projections.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.bucket.Buckets;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The managers report's projection: one document per call, meeting, e-mail, task and deal in
 * {@code manager_kpi_facts}, one responses document per contact ({@link Responses}), and the report's per-day
 * buckets derived from them ({@link DailyKpis}) in the same collection, which is all the report reads. Per
 * aggregate, not per manager and day: a bucket keeps each document's share rather than bare counters, so redelivery
 * and corrections (a reopen withdraws a win, a late-logged call becomes a deal's first response) just set a
 * document's share again. Days are cut in the installation's zone ({@code crm.users.default-time-zone}): changing
 * it requires rebuilding this projection ({@code deploy/bin/rebuild-projection.sh manager-kpis}).
 */
public final class ManagerKpiProjection implements Projection {
    public static final String NAME = "manager-kpis";
    public static final String COLLECTION = "manager_kpi_facts";
    /** 2: responses documents and day buckets. */
    public static final int VERSION = 2;

    private final Projection documents;
    private final DealContacts dealContacts;

    private ManagerKpiProjection(Projection documents, DealContacts dealContacts) {
        this.documents = documents;
        this.dealContacts = dealContacts;
    }

    public static ManagerKpiProjection create(MongoDatabase database, EventHistory history, ZoneId zone,
                                              Duration timeout) {
        DealContacts contacts = new DealContacts(database.getCollection(COLLECTION), history, timeout);
        DailyKpis days = new DailyKpis(zone);
        return new ManagerKpiProjection(new DocumentProjection<>(NAME, VERSION, database, COLLECTION,
                new ManagerKpiFold(contacts::of), new ManagerKpiCodec(), history, timeout)
                .deriving(collection -> new Buckets<>(collection, days, timeout)), contacts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String collection() {
        return documents.collection();
    }

    @Override
    public boolean rebuildable() {
        return true;
    }

    /** The deals the batch's activities name are looked up once per batch, not once per activity. */
    @Override
    public void applyBatch(List<ParsedEvent> events) {
        dealContacts.prepare(events);
        documents.applyBatch(events);
    }

    @Override
    public void prepare() {
        documents.prepare();
    }

    /** A rebuild's target; deals' contacts are still looked up in the live collection (they never change). */
    @Override
    public Projection into(String collection) {
        return new ManagerKpiProjection(documents.into(collection), dealContacts);
    }
}
