package dev.eventcrm.events.task;

import java.time.Instant;

/**
 * A task for a user, due at {@code dueAt}, about a contact and/or a deal.
 *
 * @param contactId null when the task names only a deal
 * @param dealId    null when the task names only a contact
 * @param nextStep  the deal's next step: an open deal always has exactly one open next-step task (false in events
 *                  stored before next steps existed)
 */
public record TaskCreated(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                          String dealId, String note, boolean nextStep) {

    /** A task that is not a deal's next step. */
    public TaskCreated(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                       String dealId, String note) {
        this(taskId, type, dueAt, assigneeId, contactId, dealId, note, false);
    }
}
