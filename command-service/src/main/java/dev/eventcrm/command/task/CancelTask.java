package dev.eventcrm.command.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param reason why; may be null */
public record CancelTask(@TargetAggregateIdentifier String taskId, String reason, Long expectedVersion)
        implements TaskCommand {
}
