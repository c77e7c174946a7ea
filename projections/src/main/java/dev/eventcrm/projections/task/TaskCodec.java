package dev.eventcrm.projections.task;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code tasks} document: the field names are the contract with query-service. */
final class TaskCodec implements StateCodec<Task> {

    @Override
    public Document encode(Task task) {
        return new Document("id", task.id())
                .append("type", task.type())
                .append("dueAt", date(task.dueAt()))
                .append("assigneeId", task.assigneeId())
                .append("contactId", task.contactId())
                .append("dealId", task.dealId())
                .append("note", task.note())
                .append("status", task.status())
                .append("result", task.result())
                .append("completedAt", date(task.completedAt()))
                .append("cancelReason", task.cancelReason())
                .append("closedAt", date(task.closedAt()))
                .append("createdAt", date(task.createdAt()))
                .append("updatedAt", date(task.updatedAt()));
    }

    @Override
    public Task decode(String id, Document document) {
        return new Task(id, document.getString("type"), instant(document, "dueAt"), document.getString("assigneeId"),
                document.getString("contactId"), document.getString("dealId"), document.getString("note"),
                document.getString("status"), document.getString("result"), instant(document, "completedAt"),
                document.getString("cancelReason"), instant(document, "closedAt"), instant(document, "createdAt"),
                instant(document, "updatedAt"));
    }
}
