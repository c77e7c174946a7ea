package dev.eventcrm.command.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param position zero-based place of the new stage; null puts an OPEN stage after the last OPEN one, others last */
public record AddPipelineStage(@TargetAggregateIdentifier String pipelineId, PipelineStage stage, Integer position,
                               Long expectedVersion) implements PipelineCommand {
}
