package dev.eventcrm.events.pipeline;

/** Removed while it held no deal. */
public record PipelineStageRemoved(String pipelineId, String stageId) {
}
