package dev.eventcrm.projections.contact;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.decodeCalls;
import static dev.eventcrm.projections.fold.Bson.encodeCalls;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code contacts} document: the field names are the contract with query-service. */
final class ContactCardCodec implements StateCodec<ContactCard> {

    @Override
    public Document encode(ContactCard contact) {
        Document document = new Document("id", contact.id())
                .append("name", contact.name())
                .append("phones", contact.phones())
                .append("emails", contact.emails())
                .append("city", contact.city())
                .append("country", contact.country())
                .append("source", contact.source())
                .append("ownerId", contact.ownerId())
                .append("createdAt", date(contact.createdAt()));
        return encodeCalls(document, contact.calls());
    }

    @Override
    public ContactCard decode(String id, Document document) {
        return new ContactCard(id, document.getString("name"), document.getList("phones", String.class, List.of()),
                document.getList("emails", String.class, List.of()), document.getString("city"),
                document.getString("country"), document.getString("source"), document.getString("ownerId"),
                instant(document, "createdAt"), decodeCalls(document));
    }
}
