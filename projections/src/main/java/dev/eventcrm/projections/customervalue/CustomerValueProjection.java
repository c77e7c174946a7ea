package dev.eventcrm.projections.customervalue;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.bucket.Buckets;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/**
 * The facts behind customer value, RFM segments and lifecycle: one document per deal and per activity in
 * {@code customer_facts}, and the buckets {@code GET /api/v1/reports/segments} adds up per contact
 * ({@link CustomerBuckets}) in the same collection, moved by difference as a deal is won, reopened or lost.
 */
public final class CustomerValueProjection {
    public static final String NAME = "customer-value";
    public static final String COLLECTION = "customer_facts";
    /** 2: the segments' buckets. */
    public static final int VERSION = 2;

    private CustomerValueProjection() {
    }

    public static DocumentProjection<CustomerFact> create(MongoDatabase database, EventHistory history,
                                                          Duration timeout) {
        CustomerBuckets buckets = new CustomerBuckets();
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new CustomerFactsFold(),
                new CustomerFactsCodec(), history, timeout)
                .deriving(collection -> new Buckets<>(collection, buckets, timeout));
    }
}
