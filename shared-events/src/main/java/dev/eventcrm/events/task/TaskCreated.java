package dev.eventcrm.events.task;

import java.time.Instant;

/**
 * A task for a user, due at {@code dueAt}, about a contact and/or a deal.
 *
 * @param contactId null when the task names only a deal
 * @param dealId    null when the task names only a contact
 */
public record TaskCreated(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                          String dealId, String note) {
}
