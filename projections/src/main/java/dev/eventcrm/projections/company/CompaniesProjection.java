package dev.eventcrm.projections.company;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The companies: one document per company in {@code companies}, with its search terms. */
public final class CompaniesProjection {
    public static final String NAME = "companies";
    public static final String COLLECTION = "companies";
    public static final int VERSION = 1;

    private CompaniesProjection() {
    }

    public static DocumentProjection<CompanyCard> create(MongoDatabase database, EventHistory history,
                                                         Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new CompanyCardFold(),
                new CompanyCardCodec(), history, timeout);
    }
}
