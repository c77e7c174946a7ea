package dev.eventcrm.events.task;

/** @param result what came of it, as the assignee entered it; null when none was given */
public record TaskCompleted(String taskId, String result) {
}
