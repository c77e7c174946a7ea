package dev.eventcrm.query.company;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;
import static dev.eventcrm.query.mongo.Documents.strings;

/**
 * A {@code companies} document as the API shows it: without {@code _id} and the projection's bookkeeping
 * ({@code applied}, {@code rev}, {@code search}). Nulls are written, since the field set is the API.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompanyView(
        String id,
        String name,
        String inn,
        List<Phone> phones,
        List<String> emails,
        String website,
        String city,
        String country,
        String source,
        String ownerId,
        boolean archived,
        String createdAt,
        long version) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Phone(String e164, String typed) {
    }

    static CompanyView from(Document doc) {
        return new CompanyView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "name"),
                string(doc, "inn"),
                doc.getList("phones", Document.class, List.of()).stream()
                        .map(phone -> new Phone(phone.getString("e164"), phone.getString("typed"))).toList(),
                strings(doc, "emails"),
                string(doc, "website"),
                string(doc, "city"),
                string(doc, "country"),
                string(doc, "source"),
                string(doc, "ownerId"),
                Boolean.TRUE.equals(doc.getBoolean("archived")),
                isoDate(doc, "createdAt"),
                longValue(doc, "version", 0));
    }
}
