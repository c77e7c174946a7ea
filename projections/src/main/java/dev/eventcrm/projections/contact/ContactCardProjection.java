package dev.eventcrm.projections.contact;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.projections.core.CallTally;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.core.VersionedDocuments;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The contact card: one document per contact in {@code contacts} with its call counters (contract with query-service). */
public class ContactCardProjection implements Projection {
    public static final String NAME = "contact-card";
    public static final String COLLECTION = "contacts";

    private final VersionedDocuments contacts;
    private final CallTally calls;

    public ContactCardProjection(MongoDatabase database, EventHistory history, Duration timeout) {
        this(database, COLLECTION, history, timeout);
    }

    /** @param collection another name than {@value #COLLECTION} to rebuild into a fresh collection */
    public ContactCardProjection(MongoDatabase database, String collection, EventHistory history, Duration timeout) {
        MongoCollection<Document> documents = database.getCollection(collection);
        this.contacts = new VersionedDocuments(documents, history, this::change, CallTally.defaults(), timeout);
        this.calls = new CallTally(documents, placeholder(), timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(ParsedEvent event) {
        if (event.isOf(ParsedEvent.CONTACT)) {
            contacts.fold(event);
        } else if (event.payload() instanceof CallLogged call && call.contactId() != null) {
            calls.record(call.contactId(), call, event.occurredAt());
        }
    }

    private Bson change(ParsedEvent event, Document current) {
        if (event.payload() instanceof ContactCreated created) {
            ContactPersonalData personal = created.personal();
            return Updates.combine(
                    Updates.set("id", event.aggregateId()),
                    Updates.set("name", personal == null ? null : personal.name()),
                    Updates.set("phones", personal == null ? List.of() : personal.phones()),
                    Updates.set("emails", personal == null ? List.of() : personal.emails()),
                    Updates.set("city", created.city()),
                    Updates.set("country", created.country()),
                    Updates.set("source", created.source()),
                    Updates.set("ownerId", created.ownerId()),
                    Updates.set("createdAt", Date.from(event.occurredAt())));
        }
        // A Contact event the card shows nothing of still takes its place in the version sequence.
        return Updates.set("id", event.aggregateId());
    }

    private static Document placeholder() {
        Document placeholder = new Document();
        for (String field : List.of("name", "city", "country", "source", "ownerId", "createdAt")) {
            placeholder.append(field, null);
        }
        return placeholder.append("phones", new ArrayList<String>()).append("emails", new ArrayList<String>());
    }
}
