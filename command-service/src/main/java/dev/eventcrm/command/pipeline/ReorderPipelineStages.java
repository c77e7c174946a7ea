package dev.eventcrm.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record ReorderPipelineStages(@TargetAggregateIdentifier String pipelineId, List<String> stageIds,
                                    Long expectedVersion) implements PipelineCommand {
}
