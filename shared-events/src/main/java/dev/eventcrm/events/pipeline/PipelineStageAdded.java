package dev.eventcrm.events.pipeline;

/** @param position zero-based index of the new stage in the pipeline's order */
public record PipelineStageAdded(String pipelineId, PipelineStage stage, int position) {
}
