package dev.eventcrm.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemovePipelineStage(@TargetAggregateIdentifier String pipelineId, String stageId, Long expectedVersion)
        implements PipelineCommand {
}
