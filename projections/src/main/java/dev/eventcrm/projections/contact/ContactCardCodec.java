package dev.eventcrm.projections.contact;

import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.api.search.SearchText;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.decodeCalls;
import static dev.eventcrm.projections.fold.Bson.encodeCalls;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code contacts} document: the field names are the contract with query-service. */
final class ContactCardCodec implements StateCodec<ContactCard> {
    static final String SEARCH = "search";

    @Override
    public Document encode(ContactCard contact) {
        Document document = new Document("id", contact.id())
                .append("name", contact.name())
                .append("phones", contact.phones().stream().map(phone -> new Document("e164", phone.e164())
                        .append("typed", phone.typed())).toList())
                .append("emails", contact.emails())
                .append("city", contact.city())
                .append("country", contact.country())
                .append("source", contact.source())
                .append("ownerId", contact.ownerId())
                .append("timeZone", contact.timeZone())
                .append("givenTimeZone", contact.givenTimeZone())
                .append("archived", contact.archived())
                .append("companyId", contact.companyId())
                .append("mergedInto", contact.mergedInto())
                .append(SEARCH, searchTerms(contact))
                .append("createdAt", date(contact.createdAt()));
        return encodeCalls(document, contact.calls());
    }

    @Override
    public ContactCard decode(String id, Document document) {
        List<PhoneNumber> phones = document.getList("phones", Document.class, List.of()).stream()
                .map(phone -> new PhoneNumber(phone.getString("e164"), phone.getString("typed"))).toList();
        return new ContactCard(id, document.getString("name"), phones,
                document.getList("emails", String.class, List.of()), document.getString("city"),
                document.getString("country"), document.getString("source"), document.getString("ownerId"),
                document.getString("timeZone"), document.getString("givenTimeZone"), Boolean.TRUE.equals(document.getBoolean("archived")),
                document.getString("companyId"), instant(document, "createdAt"), decodeCalls(document),
                document.getString("mergedInto"));
    }

    /**
     * What {@code GET /contacts?q=} matches a prefix of: the folded words of the name ({@link SearchText}), the
     * e-mail addresses in lower case, and the phone numbers in E.164 and as digits (with and without the country
     * code, for a number typed in part).
     */
    private static List<String> searchTerms(ContactCard contact) {
        Set<String> terms = new LinkedHashSet<>(SearchText.words(contact.name()));
        contact.emails().forEach(email -> terms.add(email.toLowerCase(Locale.ROOT)));
        contact.phones().stream().map(PhoneNumber::e164).filter(Objects::nonNull).forEach(e164 -> {
            terms.add(e164);
            terms.addAll(PhoneNumbers.digitPrefixes(e164));
        });
        return List.copyOf(terms);
    }
}
