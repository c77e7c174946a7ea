package dev.eventcrm.events.task;

import java.time.Instant;

/**
 * A task for a user, due at {@code dueAt}, about a contact and/or a deal.
 *
 * @param contactId null when the task names only a deal
 * @param dealId    null when the task names only a contact
 * @param nextStep  the deal's next step: an open deal always has exactly one open next-step task; absent from events
 *                  stored before next steps existed, which read as false (a Boolean, so that strict readers that
 *                  refuse a missing primitive still read those)
 */
public record TaskCreated(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                          String dealId, String note, Boolean nextStep) {

    public TaskCreated {
        nextStep = Boolean.TRUE.equals(nextStep);
    }

    /** A task that is not a deal's next step. */
    public TaskCreated(String taskId, TaskType type, Instant dueAt, String assigneeId, String contactId,
                       String dealId, String note) {
        this(taskId, type, dueAt, assigneeId, contactId, dealId, note, false);
    }
}
