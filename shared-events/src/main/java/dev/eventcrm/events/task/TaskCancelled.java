package dev.eventcrm.events.task;

/** @param reason why; null when none was given */
public record TaskCancelled(String taskId, String reason) {
}
