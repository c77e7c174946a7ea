package dev.eventcrm.projections.company;

import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.api.search.SearchText;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code companies} document: the field names are the contract with query-service. */
final class CompanyCardCodec implements StateCodec<CompanyCard> {
    static final String SEARCH = "search";

    @Override
    public Document encode(CompanyCard company) {
        return new Document("id", company.id())
                .append("name", company.name())
                .append("inn", company.inn())
                .append("phones", company.phones().stream().map(phone -> new Document("e164", phone.e164())
                        .append("typed", phone.typed())).toList())
                .append("emails", company.emails())
                .append("website", company.website())
                .append("city", company.city())
                .append("country", company.country())
                .append("source", company.source())
                .append("ownerId", company.ownerId())
                .append("archived", company.archived())
                .append(SEARCH, searchTerms(company))
                .append("createdAt", date(company.createdAt()));
    }

    @Override
    public CompanyCard decode(String id, Document document) {
        List<PhoneNumber> phones = document.getList("phones", Document.class, List.of()).stream()
                .map(phone -> new PhoneNumber(phone.getString("e164"), phone.getString("typed"))).toList();
        return new CompanyCard(id, document.getString("name"), document.getString("inn"), phones,
                document.getList("emails", String.class, List.of()), document.getString("website"),
                document.getString("city"), document.getString("country"), document.getString("source"),
                document.getString("ownerId"), Boolean.TRUE.equals(document.getBoolean("archived")),
                instant(document, "createdAt"));
    }

    /**
     * The same terms as a contact card's, so {@code GET /companies?q=} matches as {@code /contacts?q=} does: the
     * folded words of the name, the e-mail addresses in lower case, and each phone in E.164 and as digits (with and
     * without the country code).
     */
    private static List<String> searchTerms(CompanyCard company) {
        Set<String> terms = new LinkedHashSet<>(SearchText.words(company.name()));
        company.emails().forEach(email -> terms.add(email.toLowerCase(Locale.ROOT)));
        company.phones().stream().map(PhoneNumber::e164).forEach(e164 -> {
            terms.add(e164);
            terms.addAll(PhoneNumbers.digitPrefixes(e164));
        });
        return List.copyOf(terms);
    }
}
