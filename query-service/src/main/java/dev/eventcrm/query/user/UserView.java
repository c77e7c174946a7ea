package dev.eventcrm.query.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;
import static dev.eventcrm.query.mongo.Documents.strings;

/** A {@code users} document as the API shows it; {@code teamId} null when the user is in no team. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserView(String id, String displayName, String teamId, String role, String timeZone,
                       WorkingHours workingHours, boolean active, long version, String updatedAt) {

    /** @param days {@code MON} ... {@code SUN}, Monday first; {@code from} and {@code to} as {@code HH:mm} */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WorkingHours(List<String> days, String from, String to) {
    }

    static UserView from(Document doc) {
        Document hours = document(doc, "workingHours");
        return new UserView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "displayName"),
                string(doc, "teamId"),
                string(doc, "role"),
                string(doc, "timeZone"),
                hours == null ? null : new WorkingHours(strings(hours, "days"), string(hours, "from"),
                        string(hours, "to")),
                Boolean.TRUE.equals(doc.getBoolean("active")),
                longValue(doc, "version", 0),
                isoDate(doc, "updatedAt"));
    }
}
