package dev.eventcrm.command.task;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.task.TaskType;

import java.time.Instant;

/** @param contactId and dealId: at least one; a merged contact's id is resolved to its survivor before handling */
public record CreateTask(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                         String dealId, String note) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new CreateTask(taskId, type, dueAt, assigneeId, contactId, dealId, note);
    }
}
