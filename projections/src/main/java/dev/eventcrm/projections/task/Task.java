package dev.eventcrm.projections.task;

import java.time.Instant;

/**
 * One task as the {@code tasks} read model shows it. {@code type == null} until its creation is applied.
 *
 * @param status      {@link #OPEN}, {@link #COMPLETED} or {@link #CANCELLED}
 * @param result      what came of a completed task; null when none was given
 * @param completedAt when it was completed (the event's business time); null unless completed
 * @param cancelReason why a cancelled task was cancelled; null when none was given
 * @param closedAt    when it was completed or cancelled; null while open
 */
public record Task(String id, String type, Instant dueAt, String assigneeId, String contactId, String dealId,
                   String note, String status, String result, Instant completedAt, String cancelReason,
                   Instant closedAt, Instant createdAt, Instant updatedAt) {

    public static final String OPEN = "OPEN";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";

    static Task empty(String id) {
        return new Task(id, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
