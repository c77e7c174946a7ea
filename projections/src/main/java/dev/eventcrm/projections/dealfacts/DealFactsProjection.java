package dev.eventcrm.projections.dealfacts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.bucket.Buckets;
import dev.eventcrm.projections.bucket.Contributions;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deal facts behind the forecast and dynamics reports: one document per deal in {@code deal_facts}, plus the
 * dynamics' per-day buckets ({@link DailyDynamics}) and the forecast's per-month buckets ({@link MonthlyForecast})
 * in the same collection. A deal's change moves its share from the buckets of its
 * previous state to those of its new one (a reopen withdraws a win, a new close date moves an open deal); deal ids
 * are UUIDs, so no deal takes a bucket's id. Days and won months are cut in the installation's zone
 * ({@code crm.users.default-time-zone}): changing it requires rebuilding this projection
 * ({@code deploy/bin/rebuild-projection.sh deal-facts}).
 */
public final class DealFactsProjection {
    public static final String NAME = "deal-facts";
    public static final String COLLECTION = "deal_facts";
    /** 2: the dynamics' day buckets; 3: buckets keep totals only, moved on by difference; 4: the forecast's month
     * buckets. */
    public static final int VERSION = 4;

    private DealFactsProjection() {
    }

    public static DocumentProjection<DealFacts> create(MongoDatabase database, EventHistory history, ZoneId zone,
                                                       Duration timeout) {
        DailyDynamics days = new DailyDynamics(zone);
        MonthlyForecast months = new MonthlyForecast(zone);
        Contributions<DealFacts> both = deal -> {
            Map<String, Document> buckets = new TreeMap<>(days.of(deal));
            buckets.putAll(months.of(deal));
            return buckets;
        };
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new DealFactsFold(), new DealFactsCodec(),
                history, timeout).deriving(collection -> new Buckets<>(collection, both, timeout));
    }
}
