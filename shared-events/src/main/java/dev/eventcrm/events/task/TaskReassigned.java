package dev.eventcrm.events.task;

/** The task changed hands (e.g. in a portfolio hand-over). */
public record TaskReassigned(String taskId, String previousAssigneeId, String assigneeId) {
}
