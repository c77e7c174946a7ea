package dev.eventcrm.events.task;

import java.time.Instant;

public record TaskRescheduled(String taskId, Instant previousDueAt, Instant dueAt) {
}
