package dev.eventcrm.query.task;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** {@code tasks} and {@code users} documents shaped as the projections module writes them. */
final class TaskFixtures {

    static final Instant CREATED_AT = Instant.parse("2026-11-20T08:00:00.000Z");

    private TaskFixtures() {
    }

    /** An open task about contact {@code c-<id>}, at version 0; append to change a field. */
    static Document task(String id, String assigneeId, Instant dueAt) {
        return new Document("_id", id)
                .append("id", id)
                .append("type", "CALL")
                .append("dueAt", Date.from(dueAt))
                .append("assigneeId", assigneeId)
                .append("contactId", "c-" + id)
                .append("dealId", null)
                .append("note", "call " + id)
                .append("status", "OPEN")
                .append("result", null)
                .append("completedAt", null)
                .append("cancelReason", null)
                .append("closedAt", null)
                .append("createdAt", Date.from(CREATED_AT))
                .append("updatedAt", Date.from(CREATED_AT))
                .append("version", 0L)
                .append("applied", List.of(new Document("aggregateId", id).append("sequence", 0L)))
                .append("rev", "token");
    }

    static Document completed(Document task, Instant at, String result, long version) {
        return task.append("status", "COMPLETED").append("result", result).append("completedAt", Date.from(at))
                .append("closedAt", Date.from(at)).append("updatedAt", Date.from(at)).append("version", version);
    }

    static Document user(String id, String timeZone) {
        return new Document("_id", id).append("id", id).append("displayName", "User " + id)
                .append("role", "manager").append("timeZone", timeZone).append("active", true)
                .append("version", 0L);
    }
}
