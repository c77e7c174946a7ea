package dev.eventcrm.query.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * A {@code tasks} document as the API shows it; times as ISO-8601 UTC with milliseconds.
 *
 * @param status OPEN, COMPLETED or CANCELLED
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(String id, String type, String dueAt, String assigneeId, String contactId, String dealId,
                       String note, String status, String result, String completedAt, String cancelReason,
                       String closedAt, String createdAt, String updatedAt, long version) {

    static TaskView from(Document doc) {
        return new TaskView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "type"),
                isoDate(doc, "dueAt"),
                string(doc, "assigneeId"),
                string(doc, "contactId"),
                string(doc, "dealId"),
                string(doc, "note"),
                string(doc, "status"),
                string(doc, "result"),
                isoDate(doc, "completedAt"),
                string(doc, "cancelReason"),
                isoDate(doc, "closedAt"),
                isoDate(doc, "createdAt"),
                isoDate(doc, "updatedAt"),
                longValue(doc, "version", 0));
    }
}
