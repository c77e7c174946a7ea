package dev.eventcrm.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RenamePipeline(@TargetAggregateIdentifier String pipelineId, String name, Long expectedVersion)
        implements PipelineCommand {
}
