package dev.eventcrm.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Null name or probability: unchanged. */
public record ChangePipelineStage(@TargetAggregateIdentifier String pipelineId, String stageId, String name,
                                  Integer probability, Long expectedVersion) implements PipelineCommand {
}
