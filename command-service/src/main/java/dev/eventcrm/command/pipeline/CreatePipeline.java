package dev.eventcrm.command.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;

import java.util.List;

public record CreatePipeline(String pipelineId, String name, List<PipelineStage> stages) {
}
