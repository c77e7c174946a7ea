package dev.eventcrm.events.task;

import java.time.Instant;

/**
 * A reminder of an open task fell due and was sent to its assignee (SSE type {@code TaskReminderDue}). Recorded by
 * automation, at most once per task, due time and {@code remindAt}: a task rescheduled before its reminder fired is
 * reminded at its new time only.
 *
 * @param remindAt    when the reminder was due: {@code dueAt} minus {@code leadMinutes}
 * @param leadMinutes how long before the due time; 0 for the reminder at the due time itself
 */
public record TaskReminderDue(String taskId, String assigneeId, Instant dueAt, Instant remindAt, long leadMinutes,
                              TaskType type, String contactId, String dealId, String note) {
}
