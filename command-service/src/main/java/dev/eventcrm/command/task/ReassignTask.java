package dev.eventcrm.command.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param fromAssigneeId when given, the task changes hands only if this is still its assignee (a portfolio
 *                       hand-over)
 */
public record ReassignTask(@TargetAggregateIdentifier String taskId, String assigneeId, String fromAssigneeId,
                           Long expectedVersion) implements TaskCommand {

    public ReassignTask(String taskId, String assigneeId, Long expectedVersion) {
        this(taskId, assigneeId, null, expectedVersion);
    }
}
