package dev.eventcrm.projections.dealfacts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The deal facts behind the forecast and dynamics reports: one document per deal in {@code deal_facts}. Per deal,
 * not per day: a day's counters derived from per-deal facts stay right under redelivery and corrections (a reopen
 * withdraws a win) without any counter to undo, and the days are cut in the installation's time zone at query time.
 */
public final class DealFactsProjection {
    public static final String NAME = "deal-facts";
    public static final String COLLECTION = "deal_facts";
    public static final int VERSION = 1;

    private DealFactsProjection() {
    }

    public static DocumentProjection<DealFacts> create(MongoDatabase database, EventHistory history,
                                                       Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new DealFactsFold(), new DealFactsCodec(),
                history, timeout);
    }
}
