package dev.eventcrm.projections.invoice;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The invoices: one document per invoice in {@code invoices}, with its deal, contact, amount, due date and payment. */
public final class InvoicesProjection {
    public static final String NAME = "invoices";
    public static final String COLLECTION = "invoices";
    public static final int VERSION = 1;

    private InvoicesProjection() {
    }

    public static DocumentProjection<Invoice> create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new InvoicesFold(), new InvoiceCodec(),
                history, timeout);
    }
}
