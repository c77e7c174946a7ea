package dev.eventcrm.projections.customervalue;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The facts behind customer value, RFM segments and lifecycle: one document per deal and per activity in
 * {@code customer_facts}, which {@code GET /api/v1/reports/segments} adds up per contact. New, so it is backfilled
 * from the event store when first started.
 */
public final class CustomerValueProjection {
    public static final String NAME = "customer-value";
    public static final String COLLECTION = "customer_facts";
    public static final int VERSION = 1;

    private CustomerValueProjection() {
    }

    public static DocumentProjection<CustomerFact> create(MongoDatabase database, EventHistory history,
                                                          Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new CustomerFactsFold(),
                new CustomerFactsCodec(), history, timeout);
    }
}
