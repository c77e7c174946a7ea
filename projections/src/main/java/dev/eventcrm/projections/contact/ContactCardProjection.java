package dev.eventcrm.projections.contact;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The contact card: one document per contact in {@code contacts}, with its call counters. */
public final class ContactCardProjection {
    public static final String NAME = "contact-card";
    public static final String COLLECTION = "contacts";
    /**
     * 2: documents carry per-aggregate applied sequences and a compare-and-set revision. 3: phones as
     * {@code {e164, typed}}, a time zone and search terms. 4: the given time zone apart from the phone's. 5: the
     * contact's {@code companyId}, rebuilt so that company events folded by an older version are not missed.
     */
    public static final int VERSION = 6;

    private ContactCardProjection() {
    }

    public static DocumentProjection<ContactCard> create(MongoDatabase database, EventHistory history,
                                                         Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new ContactCardFold(),
                new ContactCardCodec(), history, timeout);
    }
}
