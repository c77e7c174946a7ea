package dev.eventcrm.command.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RescheduleTask(@TargetAggregateIdentifier String taskId, Instant dueAt, Long expectedVersion)
        implements TaskCommand {
}
