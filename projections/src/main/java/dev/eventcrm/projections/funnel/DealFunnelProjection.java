package dev.eventcrm.projections.funnel;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The funnel's facts: one document per deal in {@code deal_funnel}, what {@code GET /api/v1/reports/funnel} reads
 * by (pipelineId, openedAt) and counts in memory. New, so it is backfilled from the event store when first started.
 */
public final class DealFunnelProjection {
    public static final String NAME = "deal-funnel";
    public static final String COLLECTION = "deal_funnel";
    public static final int VERSION = 1;

    private DealFunnelProjection() {
    }

    public static DocumentProjection<DealFunnelFacts> create(MongoDatabase database, EventHistory history,
                                                             Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new DealFunnelFold(), new DealFunnelCodec(),
                history, timeout);
    }
}
