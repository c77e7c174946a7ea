package dev.eventcrm.command.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param result what came of it; may be null */
public record CompleteTask(@TargetAggregateIdentifier String taskId, String result, Long expectedVersion)
        implements TaskCommand {
}
