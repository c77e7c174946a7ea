package dev.eventcrm.query.timeline;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.eventcrm.query.mongo.Documents;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * A {@code timeline} entry as the API shows it.
 *
 * @param occurredAt business time (an activity's own time), by which the timeline is ordered
 * @param recordedAt when the event was stored
 * @param summary    the kind's own fields, times as ISO-8601 UTC
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineEntryView(String kind, String occurredAt, String recordedAt, String eventId,
                                String aggregateType, String aggregateId, String actorId, String contactId,
                                String dealId, Map<String, Object> summary) {

    static TimelineEntryView from(Document doc) {
        return new TimelineEntryView(string(doc, "kind"), isoDate(doc, "occurredAt"), isoDate(doc, "recordedAt"),
                string(doc, "eventId"), string(doc, "aggregateType"), string(doc, "aggregateId"),
                string(doc, "actorId"), string(doc, "contactId"), string(doc, "dealId"),
                plain(Documents.document(doc, "summary")));
    }

    /** Nested documents as maps and dates in the API's one date format. */
    private static Map<String, Object> plain(Document document) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (document == null) {
            return map;
        }
        document.forEach((key, value) -> map.put(key, value instanceof Date ? isoDate(document, key)
                : value instanceof Document nested ? plain(nested)
                : value instanceof List<?> list ? list : value));
        return map;
    }
}
