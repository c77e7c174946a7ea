package dev.eventcrm.projections.quota;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The sales plans: one document per quota in {@code quotas}, with every target it had and since when. */
public final class QuotasProjection {
    public static final String NAME = "quotas";
    public static final String COLLECTION = "quotas";
    public static final int VERSION = 1;

    private QuotasProjection() {
    }

    public static DocumentProjection<QuotaHistory> create(MongoDatabase database, EventHistory history,
                                                          Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new QuotasFold(), new QuotaCodec(),
                history, timeout);
    }
}
