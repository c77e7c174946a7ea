package dev.eventcrm.command.task;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.task.TaskType;

import java.time.Instant;

/**
 * @param contactId and dealId: at least one; a merged contact's id is resolved to its survivor before handling
 * @param nextStep  the deal's new next step (needs dealId, an open deal): it completes the deal's previous one
 */
public record CreateTask(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                         String dealId, String note, boolean nextStep) implements ReferencesContact {

    /** A task that is not a deal's next step. */
    public CreateTask(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                      String dealId, String note) {
        this(taskId, type, dueAt, assigneeId, contactId, dealId, note, false);
    }

    @Override
    public Object withContactId(String contactId) {
        return new CreateTask(taskId, type, dueAt, assigneeId, contactId, dealId, note, nextStep);
    }
}
