package dev.eventcrm.query.contact;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.intValue;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;
import static dev.eventcrm.query.mongo.Documents.strings;

/**
 * A {@code contacts} document as the API shows it: without {@code _id} and the projection's bookkeeping
 * ({@code applied}, {@code rev}, {@code search}). Nulls are written whatever the application's Jackson inclusion
 * default, since the field set is the API.
 *
 * @param utcOffset the client's current offset from UTC ({@code +05:00}), null without a time zone
 * @param localTime the client's current local date and time, to the second, null without a time zone
 * @param companyId   the company the contact belongs to, null for none
 * @param companyName that company's name now (read from the companies read model when the contact is read, so a
 *                    renamed company shows its new name at once), null for none or while the company is unknown
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactView(
        String id,
        String name,
        List<Phone> phones,
        List<String> emails,
        String city,
        String country,
        String source,
        String ownerId,
        String timeZone,
        String utcOffset,
        String localTime,
        boolean archived,
        String companyId,
        String companyName,
        int callCount,
        String lastCallOutcome,
        String lastCallAt,
        String createdAt,
        long version) {

    /** @param e164 null for a number stored before numbers were normalised */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Phone(String e164, String typed) {
    }

    /** The contact with its company's name, from {@code names} (company id -> name). */
    ContactView withCompanyName(Map<String, String> names) {
        return new ContactView(id, name, phones, emails, city, country, source, ownerId, timeZone, utcOffset,
                localTime, archived, companyId, companyId == null ? null : names.get(companyId), callCount,
                lastCallOutcome, lastCallAt, createdAt, version);
    }

    static ContactView from(Document doc, Instant now) {
        String timeZone = string(doc, "timeZone");
        ZonedDateTime local = timeZone == null ? null : now.atZone(ZoneId.of(timeZone));
        return new ContactView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "name"),
                doc.getList("phones", Document.class, List.of()).stream()
                        .map(phone -> new Phone(phone.getString("e164"), phone.getString("typed"))).toList(),
                strings(doc, "emails"),
                string(doc, "city"),
                string(doc, "country"),
                string(doc, "source"),
                string(doc, "ownerId"),
                timeZone,
                local == null ? null : local.getOffset().getId().replace("Z", "+00:00"),
                local == null ? null : LocalDateTime.from(local).truncatedTo(ChronoUnit.SECONDS).toString(),
                Boolean.TRUE.equals(doc.getBoolean("archived")),
                string(doc, "companyId"),
                null,
                intValue(doc, "callCount", 0),
                string(doc, "lastCallOutcome"),
                isoDate(doc, "lastCallAt"),
                isoDate(doc, "createdAt"),
                longValue(doc, "version", 0));
    }
}
