package dev.eventcrm.query.contact;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.intValue;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;
import static dev.eventcrm.query.mongo.Documents.strings;

/**
 * A {@code contacts} document as the API shows it: without {@code _id} and the projection's bookkeeping ({@code applied}, {@code rev}). Nulls are written
 * whatever the application's Jackson inclusion default, since the field set is the API.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactView(
        String id,
        String name,
        List<String> phones,
        List<String> emails,
        String city,
        String country,
        String source,
        String ownerId,
        int callCount,
        String lastCallOutcome,
        String lastCallAt,
        String createdAt,
        long version) {

    static ContactView from(Document doc) {
        return new ContactView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "name"),
                strings(doc, "phones"),
                strings(doc, "emails"),
                string(doc, "city"),
                string(doc, "country"),
                string(doc, "source"),
                string(doc, "ownerId"),
                intValue(doc, "callCount", 0),
                string(doc, "lastCallOutcome"),
                isoDate(doc, "lastCallAt"),
                isoDate(doc, "createdAt"),
                longValue(doc, "version", 0));
    }
}
